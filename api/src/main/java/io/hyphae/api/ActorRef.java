package io.hyphae.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The only handle to an actor. Safe to share between threads and to keep after the
 * actor stopped: messages to a stopped actor become dead letters.
 *
 * <p>Refs are equal only to themselves.
 *
 * @param <M> the type of message the actor accepts
 */
@ProviderType
public interface ActorRef<M> {

    /**
     * Sends a message without waiting. Messages from one sender arrive in order.
     *
     * @param message the message, not null
     * @throws NullPointerException if {@code message} is null
     * @throws MailboxFullException if the actor's bounded mailbox is full and its overflow
     *         policy is {@link io.hyphae.api.mailbox.Overflow#REJECT}
     */
    void tell(M message);

    /**
     * The actor's name, unique among its siblings; anonymous actors get a name
     * starting with {@code $}.
     *
     * @return the name
     */
    String name();

    /**
     * The actor's path: the names from its top-level ancestor down to it, separated by
     * {@code /}. Named actors can be found by path with {@link ActorSystem#find}.
     *
     * @return the path
     */
    String path();
}
