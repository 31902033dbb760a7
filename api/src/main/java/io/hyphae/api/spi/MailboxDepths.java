package io.hyphae.api.spi;

import io.hyphae.api.ActorRef;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How many messages wait for an actor, read without allocating: for routing that looks at
 * queue lengths on every message. Reached through
 * {@code ActorSystem.unwrap(MailboxDepths.class)}.
 */
@ProviderType
public interface MailboxDepths {

    /**
     * The messages queued for an actor, an estimate from any thread.
     *
     * @param actor an actor of this system
     * @return the count, or {@link Integer#MAX_VALUE} once the actor has terminated
     * @throws io.hyphae.api.ActorNotFoundException if the ref is not of this system
     */
    int depth(ActorRef<?> actor);
}
