package io.hyphae.api.receptionist;

import io.hyphae.api.ActorRef;
import io.hyphae.api.Subscription;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Registers actors under {@link ServiceKey}s and lists them, from any thread. An entry goes
 * when its registration is cancelled or its actor terminates. Subscribers get the current
 * listing at once and then every changed listing, in order, as messages.
 */
@ProviderType
public interface Receptionist {

    /**
     * Registers an actor with ranking 0.
     *
     * @param <M> the message type
     * @param key the key
     * @param actor an actor of this system
     * @return cancels the registration
     * @throws DuplicateRegistrationException if the actor is registered under the key already
     * @throws IllegalArgumentException if the actor belongs to another system
     */
    default <M> Subscription register(ServiceKey<M> key, ActorRef<M> actor) {
        return register(key, actor, 0);
    }

    /**
     * Registers an actor; as OSGi services are, a listing orders actors by ranking, highest
     * first, then by the order they registered.
     *
     * @param <M> the message type
     * @param key the key
     * @param actor an actor of this system
     * @param ranking its place in the listing
     * @return cancels the registration
     * @throws DuplicateRegistrationException if the actor is registered under the key already
     * @throws IllegalArgumentException if the actor belongs to another system
     */
    <M> Subscription register(ServiceKey<M> key, ActorRef<M> actor, int ranking);

    /**
     * The actors registered under a key now.
     *
     * @param <M> the message type
     * @param key the key
     * @return the listing, possibly empty
     */
    <M> Listing<M> find(ServiceKey<M> key);

    /**
     * Sends {@code subscriber} the listing of a key now and after every change, until the
     * subscription is cancelled or the subscriber terminates.
     *
     * @param <M> the message type
     * @param key the key
     * @param subscriber where listings go
     * @return cancels the subscription
     */
    <M> Subscription subscribe(ServiceKey<M> key, ActorRef<Listing<M>> subscriber);
}
