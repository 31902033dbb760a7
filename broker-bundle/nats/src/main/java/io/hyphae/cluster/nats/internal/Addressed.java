package io.hyphae.cluster.nats.internal;

import io.hyphae.api.ActorRef;

/**
 * Where a dead letter was going when no actor was there to take it: a cluster topic, or a
 * subject no export answers any more.
 *
 * @param name what the sender addressed
 * @param path how it shows in dead letters
 */
record Addressed(String name, String path) implements ActorRef<Object> {
    @Override
    public void tell(Object message) {
        throw new UnsupportedOperationException(path + " is not an actor");
    }
}
