package io.hyphae.api.mailbox;

import io.hyphae.api.InvalidConfigurationException;
import java.time.Duration;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * The shape of a mailbox: unbounded, or bounded with a capacity and an overflow policy.
 *
 * <p>A bounded capacity is at most {@link #MAX_BOUNDED_CAPACITY} (2^30) and is honoured
 * exactly by every factory. Bounded mailboxes are array queues: the built-in factory
 * allocates the array (the next power of two) when the mailbox is made, so a large
 * capacity costs its memory up front (about 12 bytes a slot) even while the mailbox is
 * empty; the JCTools factory grows its array chunk by chunk, except for
 * {@link Overflow#DROP_OLDEST}.
 *
 * <p>An unbounded mailbox may be {@linkplain #ordered ordered}: the actor takes the
 * smallest of the messages that have arrived by the comparator, equal ones in arrival
 * order. The runtime's own messages (timers, death-watch notices, adapted and piped
 * replies) are not compared: they go before the actor's messages, in arrival order.
 *
 * @param capacity the capacity, or {@link #UNBOUNDED}
 * @param overflow what happens when a bounded mailbox is full ({@link Overflow#REJECT}
 *        for unbounded ones, where it never applies)
 * @param blockTimeout how long {@link Overflow#BLOCK} waits; zero otherwise
 * @param order the order in which the actor takes its messages, or null for arrival order
 */
public record MailboxSpec(int capacity, Overflow overflow, Duration blockTimeout, Comparator<Object> order) {

    /** The capacity of an unbounded mailbox. */
    public static final int UNBOUNDED = Integer.MAX_VALUE;

    /** The largest bounded capacity, 2^30: array queues round up to a power of two. */
    public static final int MAX_BOUNDED_CAPACITY = 1 << 30;

    private static final MailboxSpec UNBOUNDED_SPEC = new MailboxSpec(UNBOUNDED, Overflow.REJECT, Duration.ZERO);

    /**
     * A spec in arrival order.
     *
     * @param capacity positive
     * @param overflow not null
     * @param blockTimeout positive for {@link Overflow#BLOCK}, zero otherwise
     * @throws InvalidConfigurationException if a value is out of range
     */
    public MailboxSpec(int capacity, Overflow overflow, Duration blockTimeout) {
        this(capacity, overflow, blockTimeout, null);
    }

    /**
     * Validates the spec.
     *
     * @param capacity positive
     * @param overflow not null
     * @param blockTimeout positive for {@link Overflow#BLOCK}, zero otherwise
     * @param order a comparator, only for an unbounded mailbox, or null
     * @throws InvalidConfigurationException if a value is out of range
     */
    public MailboxSpec {
        if (order != null && capacity != UNBOUNDED) {
            throw new InvalidConfigurationException("an ordered mailbox is unbounded; capacity " + capacity
                    + " cannot be ordered");
        }
        Objects.requireNonNull(overflow, "overflow");
        Objects.requireNonNull(blockTimeout, "blockTimeout");
        if (capacity <= 0) {
            throw new InvalidConfigurationException("mailbox capacity must be positive, was " + capacity);
        }
        if (capacity > MAX_BOUNDED_CAPACITY && capacity != UNBOUNDED) {
            throw new InvalidConfigurationException("a bounded mailbox holds at most " + MAX_BOUNDED_CAPACITY
                    + " messages (2^30), was " + capacity + "; use MailboxSpec.unbounded() for more");
        }
        if (overflow == Overflow.BLOCK) {
            if (blockTimeout.isNegative() || blockTimeout.isZero()) {
                throw new InvalidConfigurationException(
                        "BLOCK overflow needs a positive timeout, was " + blockTimeout);
            }
        } else if (!blockTimeout.isZero()) {
            throw new InvalidConfigurationException("a block timeout only applies to BLOCK overflow, not " + overflow);
        }
    }

    /**
     * An unbounded mailbox.
     *
     * @return the spec
     */
    public static MailboxSpec unbounded() {
        return UNBOUNDED_SPEC;
    }

    /**
     * A bounded mailbox with a non-blocking overflow policy.
     *
     * @param capacity positive
     * @param overflow {@link Overflow#REJECT}, {@link Overflow#DROP_NEWEST} or
     *        {@link Overflow#DROP_OLDEST}
     * @return the spec
     * @throws InvalidConfigurationException if the capacity is not positive, or the
     *         overflow is {@link Overflow#BLOCK} (use {@link #blocking})
     */
    public static MailboxSpec bounded(int capacity, Overflow overflow) {
        if (overflow == Overflow.BLOCK) {
            throw new InvalidConfigurationException("BLOCK overflow needs a timeout: use MailboxSpec.blocking");
        }
        if (capacity == UNBOUNDED) {
            throw new InvalidConfigurationException("capacity " + UNBOUNDED + " means unbounded: use MailboxSpec.unbounded");
        }
        return new MailboxSpec(capacity, overflow, Duration.ZERO);
    }

    /**
     * A bounded mailbox whose senders wait for room.
     *
     * @param capacity positive
     * @param timeout how long a sender waits before the message becomes a dead letter
     * @return the spec
     */
    public static MailboxSpec blocking(int capacity, Duration timeout) {
        return new MailboxSpec(capacity, Overflow.BLOCK, timeout);
    }

    /**
     * An unbounded mailbox from which the actor takes the smallest message first, by
     * {@code order}; equal messages in arrival order. A comparator that throws counts the
     * two messages as equal (and is logged once per mailbox).
     *
     * @param <M> the actor's message type
     * @param order the order, consistent for the messages the actor is sent
     * @return the spec
     * @throws NullPointerException if {@code order} is null
     */
    @SuppressWarnings("unchecked")
    public static <M> MailboxSpec ordered(Comparator<? super M> order) {
        Objects.requireNonNull(order, "order");
        return new MailboxSpec(UNBOUNDED, Overflow.REJECT, Duration.ZERO, (Comparator<Object>) order);
    }

    /**
     * Whether the actor takes its messages in another order than their arrival.
     *
     * @return true if there is a comparator
     */
    public boolean isOrdered() {
        return order != null;
    }

    /**
     * The same shape with another comparator; the runtime uses it to order its own
     * messages before the actor's.
     *
     * @param newOrder the comparator
     * @return the spec
     * @throws InvalidConfigurationException if this spec is bounded
     */
    public MailboxSpec withOrder(Comparator<Object> newOrder) {
        return new MailboxSpec(capacity, overflow, blockTimeout, Objects.requireNonNull(newOrder, "newOrder"));
    }

    /**
     * Whether the mailbox has a capacity limit.
     *
     * @return true if bounded
     */
    public boolean isBounded() {
        return capacity != UNBOUNDED;
    }

    /**
     * The capabilities a factory needs to make this mailbox.
     *
     * @return the required capabilities
     */
    public Set<MailboxCapability> requiredCapabilities() {
        if (order != null) {
            return EnumSet.of(MailboxCapability.UNBOUNDED, MailboxCapability.ORDERED);
        }
        if (!isBounded()) {
            return EnumSet.of(MailboxCapability.UNBOUNDED);
        }
        return overflow == Overflow.DROP_OLDEST
                ? EnumSet.of(MailboxCapability.BOUNDED, MailboxCapability.CONCURRENT_POLL)
                : EnumSet.of(MailboxCapability.BOUNDED);
    }
}
