package io.hyphae.api.supervision;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What a supervisor does. Immutable; every {@code with*} method returns a checked copy,
 * so a bad spec fails where it is built.
 *
 * <pre>{@code
 * SupervisorSpec.of(Strategy.REST_FOR_ONE)
 *     .withIntensity(3, Duration.ofSeconds(10))
 *     .withChild(ChildSpec.of("store", ctx -> new Store()))
 *     .withChild(ChildSpec.of("api", ctx -> new Api()))
 * }</pre>
 */
public final class SupervisorSpec {

    private final Strategy strategy;
    private final int intensity;
    private final Duration period;
    private final Backoff backoff;
    private final AutoShutdown autoShutdown;
    private final List<ChildSpec> children;
    private final ChildSpec template;
    private final boolean escalationTerminatesSystem;

    private SupervisorSpec(Strategy strategy, int intensity, Duration period, Backoff backoff,
            AutoShutdown autoShutdown, List<ChildSpec> children, ChildSpec template,
            boolean escalationTerminatesSystem) {
        if (strategy == null || period == null || autoShutdown == null || children == null) {
            throw new InvalidSpecException("strategy, period, autoShutdown and children must not be null");
        }
        if (intensity < 0) {
            throw new InvalidSpecException("intensity must not be negative, was " + intensity);
        }
        if (period.isZero() || period.isNegative()) {
            throw new InvalidSpecException("period must be positive, was " + period);
        }
        children = List.copyOf(children);
        Set<String> ids = new HashSet<>();
        for (ChildSpec c : children) {
            if (!ids.add(c.id())) {
                throw new InvalidSpecException("duplicate child id '" + c.id() + "'; ids must be unique per supervisor");
            }
            if (c.significant() && autoShutdown == AutoShutdown.NEVER) {
                throw new InvalidSpecException("child '" + c.id() + "' is significant but autoShutdown is NEVER; "
                        + "set withAutoShutdown(...) before adding significant children");
            }
        }
        if (strategy == Strategy.DYNAMIC) {
            if (template == null || !children.isEmpty()) {
                throw new InvalidSpecException("a DYNAMIC supervisor has one template and no static children; "
                        + "use SupervisorSpec.dynamic(template)");
            }
            if (autoShutdown != AutoShutdown.NEVER) {
                throw new InvalidSpecException("a DYNAMIC supervisor cannot shut down automatically");
            }
        } else if (template != null) {
            throw new InvalidSpecException("only a DYNAMIC supervisor has a template; " + strategy
                    + " takes static children");
        }
        this.strategy = strategy;
        this.intensity = intensity;
        this.period = period;
        this.backoff = backoff;
        this.autoShutdown = autoShutdown;
        this.children = children;
        this.template = template;
        this.escalationTerminatesSystem = escalationTerminatesSystem;
    }

    /**
     * A supervisor with static children and OTP's defaults: intensity 1 in 5 seconds, no
     * backoff, no auto-shutdown.
     *
     * @param strategy ONE_FOR_ONE, ONE_FOR_ALL or REST_FOR_ONE
     * @return the spec, without children yet
     * @throws InvalidSpecException for {@link Strategy#DYNAMIC}; use {@link #dynamic}
     */
    public static SupervisorSpec of(Strategy strategy) {
        return new SupervisorSpec(strategy, 1, Duration.ofSeconds(5), null, AutoShutdown.NEVER, List.of(), null,
                false);
    }

    /**
     * A dynamic supervisor: children from one template, started on demand.
     *
     * @param template the children's spec; their ids are generated from its id
     * @return the spec
     */
    public static SupervisorSpec dynamic(ChildSpec template) {
        Objects.requireNonNull(template, "template");
        return new SupervisorSpec(Strategy.DYNAMIC, 1, Duration.ofSeconds(5), null, AutoShutdown.NEVER, List.of(),
                template, false);
    }

    /**
     * With one more static child, started after those already added.
     *
     * @param child the child
     * @return a new spec
     * @throws InvalidSpecException if its id is taken
     */
    public SupervisorSpec withChild(ChildSpec child) {
        Objects.requireNonNull(child, "child");
        List<ChildSpec> all = new ArrayList<>(children);
        all.add(child);
        return new SupervisorSpec(strategy, intensity, period, backoff, autoShutdown, all, template,
                escalationTerminatesSystem);
    }

    /**
     * With another restart intensity.
     *
     * @param maxRestarts restarts allowed within {@code within}, not negative
     * @param within the window, positive
     * @return a new spec
     */
    public SupervisorSpec withIntensity(int maxRestarts, Duration within) {
        return new SupervisorSpec(strategy, maxRestarts, within, backoff, autoShutdown, children, template,
                escalationTerminatesSystem);
    }

    /**
     * With a backoff before restarts.
     *
     * @param newBackoff the backoff, or null for none
     * @return a new spec
     */
    public SupervisorSpec withBackoff(Backoff newBackoff) {
        return new SupervisorSpec(strategy, intensity, period, newBackoff, autoShutdown, children, template,
                escalationTerminatesSystem);
    }

    /**
     * With an auto-shutdown mode.
     *
     * @param mode the mode
     * @return a new spec
     */
    public SupervisorSpec withAutoShutdown(AutoShutdown mode) {
        return new SupervisorSpec(strategy, intensity, period, backoff, mode, children, template,
                escalationTerminatesSystem);
    }

    /**
     * Whether escalation from this supervisor, when top-level, terminates the system.
     *
     * @param terminate true to terminate the system
     * @return a new spec
     */
    public SupervisorSpec withEscalationTerminatesSystem(boolean terminate) {
        return new SupervisorSpec(strategy, intensity, period, backoff, autoShutdown, children, template, terminate);
    }

    /**
     * Which children restart together.
     *
     * @return the value
     */
    public Strategy strategy() {
        return strategy;
    }

    /**
     * Restarts allowed within {@code period}; one more makes the supervisor stop its children and fail
     * (OTP default 1).
     *
     * @return the value
     */
    public int intensity() {
        return intensity;
    }

    /**
     * The window for {@code intensity}, positive (OTP default 5 s).
     *
     * @return the value
     */
    public Duration period() {
        return period;
    }

    /**
     * Delay before restarts, or null to restart at once.
     *
     * @return the value
     */
    public Backoff backoff() {
        return backoff;
    }

    /**
     * Whether significant children ending shut the supervisor down.
     *
     * @return the value
     */
    public AutoShutdown autoShutdown() {
        return autoShutdown;
    }

    /**
     * The static children in start order (empty for {@link Strategy#DYNAMIC}).
     *
     * @return the value
     */
    public List<ChildSpec> children() {
        return children;
    }

    /**
     * The template of dynamic children (only for {@link Strategy#DYNAMIC}).
     *
     * @return the value
     */
    public ChildSpec template() {
        return template;
    }

    /**
     * For a top-level supervisor: whether exceeding the intensity also terminates the actor system
     * (otherwise the supervisor stops, the event is logged and published).
     *
     * @return the value
     */
    public boolean escalationTerminatesSystem() {
        return escalationTerminatesSystem;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SupervisorSpec o
                && Objects.equals(strategy, o.strategy)
                && intensity == o.intensity
                && Objects.equals(period, o.period)
                && Objects.equals(backoff, o.backoff)
                && Objects.equals(autoShutdown, o.autoShutdown)
                && Objects.equals(children, o.children)
                && Objects.equals(template, o.template)
                && escalationTerminatesSystem == o.escalationTerminatesSystem;
    }

    @Override
    public int hashCode() {
        return Objects.hash(strategy, intensity, period, backoff, autoShutdown, children, template, escalationTerminatesSystem);
    }

    @Override
    public String toString() {
        return "SupervisorSpec[" + "strategy=" + strategy + ", "
                + "intensity=" + intensity + ", "
                + "period=" + period + ", "
                + "backoff=" + backoff + ", "
                + "autoShutdown=" + autoShutdown + ", "
                + "children=" + children + ", "
                + "template=" + template + ", "
                + "escalationTerminatesSystem=" + escalationTerminatesSystem + "]";
    }
}
