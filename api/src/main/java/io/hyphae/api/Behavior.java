package io.hyphae.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A message handler an actor switches to with {@link ActorContext#become}: it receives the
 * actor's next messages in place of {@link Actor#receive}, until the actor becomes something
 * else or {@link ActorContext#unbecome unbecomes}. Signals and lifecycle hooks stay with the
 * actor.
 *
 * @param <M> the actor's message type
 */
@ConsumerType
@FunctionalInterface
public interface Behavior<M> {

    /**
     * Handles one message, on the actor's turn.
     *
     * @param message the message, not null
     * @throws Exception to fail the actor, as from {@link Actor#receive}
     */
    void receive(M message) throws Exception;
}
