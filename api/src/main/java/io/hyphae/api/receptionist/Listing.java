package io.hyphae.api.receptionist;

import io.hyphae.api.ActorRef;
import java.util.List;
import java.util.Objects;

/**
 * The actors registered under a key at one moment, highest ranking first, then in the order
 * they registered.
 *
 * @param <M> their message type
 * @param key the key
 * @param refs the actors, never null
 */
public record Listing<M>(ServiceKey<M> key, List<ActorRef<M>> refs) {

    /**
     * A listing.
     *
     * @param key the key, not null
     * @param refs the actors, copied
     */
    public Listing {
        Objects.requireNonNull(key, "key");
        refs = List.copyOf(refs);
    }

    /**
     * Whether the listing is empty.
     *
     * @return whether no actor is registered
     */
    public boolean isEmpty() {
        return refs.isEmpty();
    }
}
