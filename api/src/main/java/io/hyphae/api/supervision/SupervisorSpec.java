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
 *
 * @param strategy which children restart together
 * @param intensity restarts allowed within {@code period}; one more makes the supervisor
 *        stop its children and fail (OTP default 1)
 * @param period the window for {@code intensity}, positive (OTP default 5 s)
 * @param backoff delay before restarts, or null to restart at once
 * @param autoShutdown whether significant children ending shut the supervisor down
 * @param children the static children in start order (empty for {@link Strategy#DYNAMIC})
 * @param template the template of dynamic children (only for {@link Strategy#DYNAMIC})
 * @param escalationTerminatesSystem for a top-level supervisor: whether exceeding the
 *        intensity also terminates the actor system (otherwise the supervisor stops, the
 *        event is logged and published)
 */
public record SupervisorSpec(Strategy strategy, int intensity, Duration period, Backoff backoff,
        AutoShutdown autoShutdown, List<ChildSpec> children, ChildSpec template, boolean escalationTerminatesSystem) {

    /**
     * Validates the spec.
     *
     * @param strategy not null
     * @param intensity not negative
     * @param period positive
     * @param backoff or null
     * @param autoShutdown not null
     * @param children unique ids
     * @param template set exactly for {@link Strategy#DYNAMIC}
     * @param escalationTerminatesSystem see the record description
     * @throws InvalidSpecException naming what is wrong
     */
    public SupervisorSpec {
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
}
