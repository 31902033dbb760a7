package io.hyphae.runtime.internal;

import io.hyphae.api.DeadLetter;
import io.hyphae.api.MailboxFullException;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.Overflow;

/**
 * What a sender does when a bounded mailbox refuses its message: one constant per
 * {@link Overflow}, applied on the sender's thread.
 */
enum OverflowPolicy {
    /** The sender's {@code tell} throws. */
    REJECT {
        @Override
        boolean apply(CellInbox<?> cell, MailboxQueue<Object> q, Object message) {
            throw new MailboxFullException("mailbox of " + cell.path() + " is full (capacity " + q.capacity()
                    + "); " + Envelope.unwrap(message).getClass().getName() + " rejected");
        }
    },
    /** The new message becomes a dead letter. */
    DROP_NEWEST {
        @Override
        boolean apply(CellInbox<?> cell, MailboxQueue<Object> q, Object message) {
            cell.deadLetter(message, DeadLetter.Reason.MAILBOX_FULL);
            return false;
        }
    },
    /** The oldest queued messages become dead letters until the new one fits. */
    DROP_OLDEST {
        @Override
        boolean apply(CellInbox<?> cell, MailboxQueue<Object> q, Object message) {
            for (;;) {
                Object oldest = q.poll();
                if (oldest != null) {
                    cell.deadLetter(oldest, DeadLetter.Reason.EVICTED);
                }
                if (q.offer(message)) {
                    return true;
                }
            }
        }
    },
    /** The sender waits for room up to the spec's timeout. */
    BLOCK {
        /** The longest single park while waiting for room. */
        private static final long MAX_PARK_NANOS = 50_000L;

        @Override
        boolean apply(CellInbox<?> cell, MailboxQueue<Object> q, Object message) {
            long deadline = System.nanoTime() + cell.spec.blockTimeout().toNanos();
            int attempts = 0;
            while (!q.offer(message)) {
                if (cell.isDead()) {
                    cell.deadLetter(message, DeadLetter.Reason.RECIPIENT_TERMINATED);
                    return false;
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    cell.deadLetter(message, DeadLetter.Reason.MAILBOX_FULL);
                    return false;
                }
                Backoff.pause(attempts++, Math.min(left, MAX_PARK_NANOS));
            }
            return true;
        }
    };

    private static final OverflowPolicy[] BY_OVERFLOW = new OverflowPolicy[Overflow.values().length];

    static {
        for (Overflow o : Overflow.values()) {
            BY_OVERFLOW[o.ordinal()] = valueOf(o.name());
        }
    }

    /** The policy for a spec's overflow setting. */
    static OverflowPolicy of(Overflow overflow) {
        return BY_OVERFLOW[overflow.ordinal()];
    }

    /**
     * Deals with {@code message}, which {@code q} just refused.
     *
     * @return whether the message was queued after all (the sender then schedules the cell)
     */
    abstract boolean apply(CellInbox<?> cell, MailboxQueue<Object> q, Object message);
}
