package io.hyphae.api.mailbox;

/**
 * What a {@link MailboxFactory} can make.
 */
public enum MailboxCapability {
    /** Queues without a capacity limit. */
    UNBOUNDED,
    /** Queues with a capacity limit whose {@code offer} fails when full. */
    BOUNDED,
    /** Bounded queues whose {@code poll} may be called by several threads at once. */
    CONCURRENT_POLL
}
