package io.hyphae.api;

/**
 * Why an actor stopped, as reported in {@link Terminated}.
 */
public enum ExitReason {
    /** The actor stopped itself with {@link ActorContext#stop} on {@code self()}. */
    NORMAL,
    /**
     * Something else stopped it: its parent, {@link ActorSystem#stop}, its parent
     * stopping, or the system terminating.
     */
    SHUTDOWN,
    /** It failed and was stopped: a {@link Directive#STOP} decision or a failed start. */
    FAILURE
}
