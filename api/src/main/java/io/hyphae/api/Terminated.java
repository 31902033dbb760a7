package io.hyphae.api;

import java.util.Objects;

/**
 * Tells a watcher that a watched actor stopped. Delivered at most once per
 * {@link ActorContext#watch}, and never after {@link ActorContext#unwatch}. A parent that
 * spawned a child with {@link SpawnOptions#withLifecycleSignals} receives it for that child
 * without watching.
 *
 * @param ref the actor that stopped
 * @param reason why it stopped
 */
public record Terminated(ActorRef<?> ref, ExitReason reason) implements Signal {

    /**
     * Creates the signal.
     *
     * @param ref the actor that stopped, not null
     * @param reason why it stopped, not null
     */
    public Terminated {
        Objects.requireNonNull(ref, "ref");
        Objects.requireNonNull(reason, "reason");
    }
}
