package io.hyphae.api;

/**
 * A parent's decision about a failed child.
 */
public enum Directive {
    /** Keep the child's instance and state; continue with its next message. */
    RESUME,
    /** Replace the child's instance with a fresh one from its factory; queued messages stay. */
    RESTART,
    /** Stop the child; its queued messages become dead letters. */
    STOP,
    /**
     * Take the failed instance down as for a restart ({@link Actor#preRestart}, children
     * stopped) but do not replace it yet: the child keeps its ref and mailbox, messages
     * queue, and it stays down until the parent calls {@link io.hyphae.api.spi.ChildControl#restart} or
     * {@link ActorContext#stop}. The parent receives {@link ChildHalted} when it is down.
     * Supervisors use this to restart groups of children in order, or after a delay.
     */
    HALT,
    /**
     * Fail the parent with the same cause, so the grandparent decides. A top-level
     * actor's escalation stops it and is logged as an error.
     */
    ESCALATE;

    /**
     * The decision used when an actor does not override
     * {@link Actor#onChildFailure}, and for top-level actors: {@link #STOP} for an
     * {@link ActorInitializationException}, {@link #RESTART} for any other
     * {@link Exception}, {@link #ESCALATE} for an {@link Error} (a top-level actor is then
     * stopped).
     *
     * @param cause the failure
     * @return the default decision
     */
    public static Directive defaultFor(Throwable cause) {
        if (cause instanceof ActorInitializationException) {
            return STOP;
        }
        return cause instanceof Exception ? RESTART : ESCALATE;
    }
}
