package io.hyphae.api.shutdown;

import java.time.Duration;

/**
 * The phases of a coordinated shutdown, in the order they run. In each phase the tasks
 * added for it run first, all at once; then the runtime's own step for the phase. The
 * phase's timeout bounds both; when it expires the report says so and the next phase
 * starts.
 */
public enum ShutdownPhase {

    /**
     * Tasks unbind what feeds the system from outside. From the shutdown's start the system
     * refuses new top-level actors and upgrades ({@code SystemTerminatedException}); actors
     * keep running and may still spawn children.
     */
    STOP_ACCEPTING("stopAccepting", 5_000),

    /**
     * The actors handle what is queued: the phase ends once a walk of the whole tree finds
     * every mailbox empty and no message was handled meanwhile, or at its timeout. Messages
     * an actor stashed, and timers, do not count.
     */
    DRAIN("drain", 5_000),

    /**
     * The actors stop by tree, children before parents, with their stop hooks and their
     * own ordered shutdowns; what is still queued becomes dead letters. Actors still
     * running at the timeout are reported and left to the next phase.
     */
    STOP_ACTORS("stopActors", 10_000),

    /**
     * Tasks close what the actors used (pools, files, connections); then the runtime fails
     * open asks, cancels timers and ends its threads.
     */
    CLOSE_SERVICES("closeServices", 5_000);

    private final String keyName;
    private final Duration defaultTimeout;

    ShutdownPhase(String keyName, long defaultTimeoutMillis) {
        this.keyName = keyName;
        this.defaultTimeout = Duration.ofMillis(defaultTimeoutMillis);
    }

    /**
     * The configuration key of this phase's timeout in milliseconds, for example
     * {@code shutdown.drain.timeoutMillis}.
     *
     * @return the key, without the {@code hyphae.} prefix of system properties
     */
    public String timeoutKey() {
        return "shutdown." + keyName + ".timeoutMillis";
    }

    /**
     * The timeout used when none is configured.
     *
     * @return the default timeout
     */
    public Duration defaultTimeout() {
        return defaultTimeout;
    }
}
