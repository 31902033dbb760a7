package io.hyphae.api.spi;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ChildHalted;
import io.hyphae.api.Terminated;
import org.osgi.annotation.versioning.ProviderType;

/**
 * What a supervisor needs beyond an ordinary actor's context: stopping a child without its
 * hooks, and taking a child's instance down and up again while its ref and mailbox stay.
 * Reached through {@code ActorContext.unwrap(ChildControl.class)}, on the actor's turn.
 */
@ProviderType
public interface ChildControl {

    /**
     * Stops a child without running hooks: neither its {@link Actor#onStop} nor those of
     * its descendants run. A message it is handling right now still completes (a thread
     * is never interrupted); nothing after it is handled. The child is detached at once:
     * its name is free for a new actor, and this actor's own stop or restart does not wait
     * for that message to end. A child spawned with lifecycle signals still brings a
     * {@link Terminated} once it has really ended. Supervisors use this for brutal
     * shutdown and after a shutdown timeout.
     *
     * @param child a child of this actor
     * @throws IllegalArgumentException if {@code child} is not a child of this actor
     */
    void kill(ActorRef<?> child);

    /**
     * Takes a child's instance down without ending the child. After its current message
     * the child runs {@link Actor#preRestart} (unless {@code graceful} is false), cancels
     * its timers and stops its own children, newest first; then it waits with its ref and
     * mailbox kept, and messages sent to it queue. This actor receives {@link ChildHalted}
     * once the child is down. Halting a halted or stopping child does nothing more.
     *
     * @param child a child of this actor
     * @param cause passed to {@link Actor#preRestart} and later to {@link Actor#postRestart}
     * @param graceful false to skip the hooks of the child and of its descendants
     * @throws IllegalArgumentException if {@code child} is not a child of this actor
     */
    void halt(ActorRef<?> child, Throwable cause, boolean graceful);

    /**
     * Restarts a child: a halted child gets a fresh instance from its factory and
     * {@link Actor#postRestart}; a running or failed child is first taken down as by
     * {@link #halt}. Queued messages stay and are handled in order by the new instance.
     *
     * @param child a child of this actor
     * @param cause passed to the hooks
     * @throws IllegalArgumentException if {@code child} is not a child of this actor
     */
    void restart(ActorRef<?> child, Throwable cause);
}
