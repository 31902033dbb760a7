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
    FAILURE,
    /**
     * A remote actor (see {@link io.hyphae.api.spi.RemoteRef}) can no longer be reached: its
     * node left or stopped answering. The actor may still be running on a node that was cut
     * off, but this system will not hear from it again through that ref.
     */
    UNREACHABLE
}
