package io.hyphae.api.supervision;

/**
 * Service properties that make an {@link io.hyphae.api.ActorFactory} service a declared
 * actor: in an OSGi container, the supervisor bundle starts one actor per such service, as
 * a child of the named supervisor, and stops it when the service goes away (at the latest
 * when the bundle that registered it stops). With Declarative Services:
 *
 * <pre>{@code
 * @Component(service = ActorFactory.class, property = {
 *     DeclaredActor.NAME + "=audit", DeclaredActor.SUPERVISOR + "=shop"})
 * public class Audit implements ActorFactory<String> { ... }
 * }</pre>
 *
 * <p>The supervisors themselves are top-level actors named after the group, so the actor
 * above has the path {@code shop/audit}. Their strategy and restart intensity come from
 * ConfigAdmin PID {@value #PID}. A group starts with its first declared actor and stops
 * when its last one goes away. Its children start in the order their services arrive, and
 * when the whole group stops (a settings change, the supervisor bundle stopping) they stop
 * in reverse order, as in OTP. A group whose restart intensity is exceeded is started
 * again after a delay (1 s, doubling up to 1 min while it keeps failing), with every
 * declared actor it had.
 */
public final class DeclaredActor {

    /** Required: the actor's name, a valid actor name; unique within its supervisor. */
    public static final String NAME = "hyphae.actor.name";
    /** The supervisor (group) to run under; default {@value #DEFAULT_SUPERVISOR}. */
    public static final String SUPERVISOR = "hyphae.actor.supervisor";
    /** The mailbox factory to pin the actor to; default: the system's choice. */
    public static final String MAILBOX = "hyphae.actor.mailbox";
    /** The dispatcher to pin the actor to; default: the system's default dispatcher. */
    public static final String DISPATCHER = "hyphae.actor.dispatcher";
    /** {@code permanent} (default), {@code transient} or {@code temporary}; see {@link RestartType}. */
    public static final String RESTART = "hyphae.actor.restart";
    /**
     * {@code true} (default) or {@code false}: whether the actor's failures are logged at
     * ERROR with a stack trace, or at DEBUG for an actor that fails by design; see
     * {@link io.hyphae.api.SpawnOptions#withFailureLogging}.
     */
    public static final String FAILURE_LOGGING = "hyphae.actor.failure.logging";
    /**
     * On a {@link SupervisorSpec} service: the declared group it configures. Its strategy,
     * restart intensity and backoff then replace the settings of PID {@value #PID} for that
     * group (its children stay the declared actors; children listed in the spec are ignored).
     * Registering, changing or removing such a service restarts the group with the new spec.
     */
    public static final String GROUP_SPEC = "hyphae.supervisor.name";
    /**
     * An integer (default 0): when a whole group starts (the container starting, a settings or
     * spec change, the group starting again after a failure), its children start by ascending
     * order, then in the order their services arrived; they stop in reverse. An actor that
     * arrives while its group runs starts at once, after the others.
     */
    public static final String ORDER = "hyphae.actor.order";
    /**
     * A name for this code's version, shown when the actor is upgraded in place (a bundle
     * update); default {@code service N}, after the service's id.
     */
    public static final String VERSION = "hyphae.actor.version";
    /** The supervisor used when {@link #SUPERVISOR} is not set. */
    public static final String DEFAULT_SUPERVISOR = "apps";

    /**
     * ConfigAdmin PID of the declared supervisors' settings: {@code strategy}
     * ({@code one_for_one}, {@code one_for_all} or {@code rest_for_one}), {@code intensity},
     * {@code period.ms}, {@code shutdown.ms} and {@code update.grace.ms} (how long an actor
     * whose service went away keeps running, waiting to be declared again by an updated
     * bundle and upgraded in place; default 2000, 0 stops it at once).
     */
    public static final String PID = "io.hyphae.supervisor";

    private DeclaredActor() {
    }
}
