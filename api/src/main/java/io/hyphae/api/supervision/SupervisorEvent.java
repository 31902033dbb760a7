package io.hyphae.api.supervision;

import io.hyphae.api.ActorRef;
import java.util.Objects;

/**
 * Something a supervisor did or saw, published to {@link Supervision#subscribe}
 * listeners and counted in {@link Supervision#metrics()}.
 *
 * @param kind what happened
 * @param supervisor the supervisor's path
 * @param childId the child's id, or null for events about the supervisor itself
 * @param child the child's ref, or null
 * @param cause the failure involved, or null
 */
public record SupervisorEvent(Kind kind, String supervisor, String childId, ActorRef<?> child, Throwable cause) {

    /** Kinds of event. */
    public enum Kind {
        /** A child has a running instance after its first start. */
        CHILD_STARTED,
        /** A child ended for good: it is not restarted (any exit, or stopped by the supervisor). */
        CHILD_STOPPED,
        /** A child threw; {@code cause} says what. */
        CHILD_FAILED,
        /** A child has a running instance again after a restart. */
        CHILD_RESTARTED,
        /** A child did not stop within its shutdown timeout; the supervisor moved on. */
        SHUTDOWN_TIMED_OUT,
        /** Restarts exceeded the intensity; the supervisor stops its children and fails. */
        INTENSITY_EXCEEDED,
        /** The supervisor failed to its parent, or, at the top, stopped (see {@code cause}). */
        ESCALATED,
        /** Significant children ended and the supervisor shut itself down. */
        AUTO_SHUTDOWN
    }

    /**
     * Creates the event.
     *
     * @param kind not null
     * @param supervisor not null
     * @param childId or null
     * @param child or null
     * @param cause or null
     */
    public SupervisorEvent {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(supervisor, "supervisor");
    }
}
