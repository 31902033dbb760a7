package io.hyphae.api.mailbox;

/**
 * What a bounded mailbox does with a message that arrives when it is full.
 */
public enum Overflow {
    /** The sender's {@code tell} throws {@link io.hyphae.api.MailboxFullException}. */
    REJECT,
    /** The new message becomes a dead letter ({@code MAILBOX_FULL}). */
    DROP_NEWEST,
    /** The oldest queued message becomes a dead letter ({@code EVICTED}) to make room. */
    DROP_OLDEST,
    /**
     * The sender waits up to the spec's timeout for room, then the message becomes a dead
     * letter ({@code MAILBOX_FULL}). Do not use for actors that tell themselves.
     */
    BLOCK
}
