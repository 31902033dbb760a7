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
    CONCURRENT_POLL,
    /**
     * Unbounded queues that hand out the smallest message first by the spec's
     * {@link MailboxSpec#order() comparator}, equal ones in arrival order; for example an
     * {@link OrderedMailboxQueue} around the factory's own queue.
     */
    ORDERED
}
