package io.hyphae.api.time;

import org.osgi.annotation.versioning.ConsumerType;

/** A task scheduled on an {@link ActorClock}. */
@ConsumerType
@FunctionalInterface
public interface Cancellable {

    /**
     * Stops the task from running again. Cancelling twice, or after a one-shot task ran, does
     * nothing.
     *
     * @return true if this call cancelled a task that had not yet run (or, when periodic, was
     *         still scheduled)
     */
    boolean cancel();
}
