package io.hyphae.api;

import java.util.Objects;

/**
 * Tells a parent that a child spawned with {@link SpawnOptions#withLifecycleSignals} has
 * a running instance: its {@link Actor#onStart} or {@link Actor#postRestart} returned
 * normally. Sent after every start and every restart.
 *
 * @param ref the child
 * @param restarted false for the first start, true after a restart
 */
public record ChildStarted(ActorRef<?> ref, boolean restarted) implements Signal {

    /**
     * Creates the signal.
     *
     * @param ref the child, not null
     * @param restarted whether this start was a restart
     */
    public ChildStarted {
        Objects.requireNonNull(ref, "ref");
    }
}
