package io.hyphae.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A bounded per-actor buffer for messages the actor cannot handle yet, from
 * {@link ActorContext#stash(int)}. {@link #unstashAll} hands them back in the order they
 * were stashed, before any message that is still queued. Use it on the actor's turn only.
 *
 * <p>What happens to stashed messages: a restart keeps them, and the fresh instance gets
 * them first, in order, as if {@code unstashAll} had been called; an upgrade keeps them in
 * the stash for the new code; when the actor stops they become dead letters
 * ({@link DeadLetter.Reason#RECIPIENT_TERMINATED}).
 *
 * @param <M> the actor's message type
 */
@ProviderType
public interface Stash<M> {

    /**
     * Keeps a message for later.
     *
     * @param message the message, not null
     * @throws StashOverflowException if the stash holds {@link #capacity()} messages; the
     *         message is not kept, and the actor fails unless it catches this
     */
    void stash(M message);

    /**
     * Hands every stashed message back to the actor: they are handled, in the order they
     * were stashed, before any other message that is queued now or arrives later. Messages
     * the actor stashes again meanwhile wait for the next {@code unstashAll}.
     *
     * @return how many were handed back
     */
    int unstashAll();

    /**
     * How many messages are stashed.
     *
     * @return messages stashed now
     */
    int size();

    /**
     * The capacity.
     *
     * @return the most it holds
     */
    int capacity();

    /**
     * Whether the stash is empty.
     *
     * @return whether nothing is stashed
     */
    default boolean isEmpty() {
        return size() == 0;
    }
}
