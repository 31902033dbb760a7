package io.hyphae.api;

import java.util.Objects;

/**
 * Tells a watcher that a watched actor stopped. Delivered at most once per
 * {@link ActorContext#watch}, and never after {@link ActorContext#unwatch}.
 *
 * @param ref the actor that stopped
 */
public record Terminated(ActorRef<?> ref) implements Signal {

    /**
     * Creates the signal.
     *
     * @param ref the actor that stopped, not null
     */
    public Terminated {
        Objects.requireNonNull(ref, "ref");
    }
}
