package io.hyphae.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * An unbounded multi-producer single-consumer array queue, the algorithm of JCTools'
 * {@code MpscUnboundedArrayQueue} with growing and recycled arrays.
 *
 * <p>Producers claim an index with one CAS on {@code producerIndex} and then write the slot;
 * the consumer reads slots in order and publishes {@code consumerIndex}. Indices count in
 * steps of two; an odd producer index means a producer is linking a new array. When
 * producers are a whole array ahead of the consumer, the producer that notices links a
 * new array (twice as long, up to {@value #MAX_CAPACITY} slots) through the old one's last
 * slot and leaves a {@code JUMP} mark where its element would have gone. The consumer
 * follows the mark and hands the array it left back as the spare for the next link. So an
 * actor that keeps up with its senders reuses one array for ever, and one that falls far
 * behind alternates between two: no allocation per message in either case.
 *
 * <p>The producer fields and the consumer fields sit on different cache lines (the
 * {@code RingPad*} layers), so the consumer's writes do not disturb senders, nor the
 * senders' writes to the array (allocated right after the ring) the consumer's fields.
 *
 * <p>{@link #isEmpty} compares both indices with volatile reads; a claimed index counts as
 * a message even before its slot is written, which is what the runtime's scheduling
 * handshake needs (see {@code MailboxQueue#isEmpty}).
 */
final class MailboxRing extends RingPad2 {

    static final int INITIAL_CAPACITY = 16;
    static final int MAX_CAPACITY = 4096;
    /** How long {@link #drain} waits for a claimed slot before it returns what it has. */
    private static final int CLAIM_SPINS = 8;

    private static final Object JUMP = new Object();

    private static final VarHandle P_INDEX;
    private static final VarHandle P_LIMIT;
    private static final VarHandle C_INDEX;
    private static final VarHandle SPARE;
    private static final VarHandle SLOT = MethodHandles.arrayElementVarHandle(Object[].class);

    private static final int RETRY = 0;
    private static final int CONTINUE = 1;
    private static final int RESIZE = 2;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            P_INDEX = l.findVarHandle(RingProducerFields.class, "producerIndex", long.class);
            P_LIMIT = l.findVarHandle(RingProducerFields.class, "producerLimit", long.class);
            C_INDEX = l.findVarHandle(RingConsumerFields.class, "consumerIndex", long.class);
            SPARE = l.findVarHandle(RingConsumerFields.class, "spare", Object[].class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    MailboxRing() {
        Object[] buffer = new Object[INITIAL_CAPACITY + 1];
        long mask = maskOf(INITIAL_CAPACITY);
        producerBuffer = buffer;
        producerMask = mask;
        consumerBuffer = buffer;
        consumerMask = mask;
        P_LIMIT.setRelease(this, mask);
    }

    private static long maskOf(int capacity) {
        return (long) (capacity - 1) << 1;
    }

    private static int slot(long index, long mask) {
        return (int) ((index & mask) >> 1);
    }

    /** The slot holding the next array: the one after the last element slot. */
    private static int nextSlot(long mask) {
        return (int) (mask >> 1) + 1;
    }

    // ------------------------------------------------------------------ producers

    void offer(Object e) {
        if (e == null) {
            throw new NullPointerException("element");
        }
        long mask;
        Object[] buffer;
        long pIndex;
        for (;;) {
            long pLimit = (long) P_LIMIT.getVolatile(this);
            pIndex = (long) P_INDEX.getVolatile(this);
            if ((pIndex & 1) == 1) {
                // Another producer is linking a new array.
                Thread.onSpinWait();
                continue;
            }
            // Written before the even index that was just read was published.
            mask = producerMask;
            buffer = producerBuffer;
            if (pLimit <= pIndex) {
                int r = offerSlowPath(mask, pIndex, pLimit);
                if (r == RETRY) {
                    continue;
                }
                if (r == RESIZE) {
                    link(mask, buffer, pIndex, e);
                    return;
                }
            }
            if (P_INDEX.compareAndSet(this, pIndex, pIndex + 2)) {
                break;
            }
        }
        SLOT.setRelease(buffer, slot(pIndex, mask), e);
    }

    /** The array looks full: find out whether it is, and claim the link if so. */
    private int offerSlowPath(long mask, long pIndex, long pLimit) {
        long cIndex = (long) C_INDEX.getVolatile(this);
        // One slot is kept for the JUMP mark, so an array holds capacity - 1 elements.
        if (cIndex + mask > pIndex) {
            return P_LIMIT.compareAndSet(this, pLimit, cIndex + mask) ? CONTINUE : RETRY;
        }
        return P_INDEX.compareAndSet(this, pIndex, pIndex + 1) ? RESIZE : RETRY;
    }

    /** Links a new array holding {@code e}; the caller owns the odd producer index. */
    private void link(long oldMask, Object[] oldBuffer, long pIndex, Object e) {
        int oldCapacity = (int) (oldMask >> 1) + 1;
        int capacity = Math.min(oldCapacity * 2, MAX_CAPACITY);
        Object[] spare = (Object[]) SPARE.getAndSet(this, null);
        Object[] buffer = spare != null && spare.length == capacity + 1 ? spare : new Object[capacity + 1];
        long mask = maskOf(capacity);
        producerBuffer = buffer;
        producerMask = mask;
        SLOT.setRelease(buffer, slot(pIndex, mask), e);
        SLOT.setRelease(oldBuffer, nextSlot(oldMask), buffer);
        P_LIMIT.setRelease(this, pIndex + mask);
        P_INDEX.setRelease(this, pIndex + 2);
        SLOT.setRelease(oldBuffer, slot(pIndex, oldMask), JUMP);
    }

    // ------------------------------------------------------------------ the consumer

    Object poll() {
        Object[] buffer = consumerBuffer;
        long index = (long) C_INDEX.getOpaque(this);
        long mask = consumerMask;
        int offset = slot(index, mask);
        Object e = SLOT.getAcquire(buffer, offset);
        if (e == null) {
            if (index == (long) P_INDEX.getVolatile(this)) {
                return null;
            }
            // Claimed, not yet written: the producer is between its CAS and its write.
            do {
                Thread.onSpinWait();
                e = SLOT.getAcquire(buffer, offset);
            } while (e == null);
        }
        return take(buffer, mask, offset, index, e);
    }

    /**
     * Hands up to {@code limit} elements to {@code sink}. Waits only briefly for a slot that
     * is claimed but not yet written, then returns what it has; {@link #isEmpty} still
     * reports that slot, so the runtime comes back for it.
     *
     * <p>The consumer index is published once, when the batch ends: until then the batch in
     * hand still counts in {@link #size}, as the runtime's depth metric expects, and the
     * consumer writes nothing shared per message. Nothing polls this queue while a drain
     * is under way (the runtime never re-enters the consumer).
     */
    int drain(Consumer<Object> sink, int limit) {
        Object[] buffer = consumerBuffer;
        long mask = consumerMask;
        long start = (long) C_INDEX.getOpaque(this);
        long index = start;
        int n = 0;
        try {
            while (n < limit) {
                int offset = slot(index, mask);
                Object e = SLOT.getAcquire(buffer, offset);
                if (e == null) {
                    if (index == (long) P_INDEX.getVolatile(this)) {
                        break;
                    }
                    for (int spins = 0; spins < CLAIM_SPINS && e == null; spins++) {
                        Thread.onSpinWait();
                        e = SLOT.getAcquire(buffer, offset);
                    }
                    if (e == null) {
                        break;
                    }
                }
                if (e == JUMP) {
                    Object[] old = buffer;
                    long oldMask = mask;
                    buffer = (Object[]) SLOT.getAcquire(old, nextSlot(oldMask));
                    mask = maskOf(buffer.length - 1);
                    consumerBuffer = buffer;
                    consumerMask = mask;
                    SLOT.setOpaque(old, offset, null);
                    SLOT.setOpaque(old, nextSlot(oldMask), null);
                    SPARE.setRelease(this, old);
                    offset = slot(index, mask);
                    // The linking producer wrote its element before the mark.
                    e = SLOT.getAcquire(buffer, offset);
                }
                SLOT.setOpaque(buffer, offset, null);
                index += 2;
                n++;
                sink.accept(e);
            }
        } finally {
            if (index != start) {
                C_INDEX.setRelease(this, index);
            }
        }
        return n;
    }

    /** Removes the element {@code e} read at {@code offset}, following a JUMP mark. */
    private Object take(Object[] buffer, long mask, int offset, long index, Object e) {
        if (e == JUMP) {
            Object[] next = (Object[]) SLOT.getAcquire(buffer, nextSlot(mask));
            long nextMask = maskOf(next.length - 1);
            consumerBuffer = next;
            consumerMask = nextMask;
            int nextOffset = slot(index, nextMask);
            // The linking producer wrote its element before the mark.
            Object m = SLOT.getAcquire(next, nextOffset);
            SLOT.setOpaque(next, nextOffset, null);
            C_INDEX.setRelease(this, index + 2);
            // Every slot of the old array has been read: it becomes the spare for the next link.
            SLOT.setOpaque(buffer, offset, null);
            SLOT.setOpaque(buffer, nextSlot(mask), null);
            SPARE.setRelease(this, buffer);
            return m;
        }
        SLOT.setOpaque(buffer, offset, null);
        C_INDEX.setRelease(this, index + 2);
        return e;
    }

    boolean isEmpty() {
        return (long) C_INDEX.getVolatile(this) == (long) P_INDEX.getVolatile(this);
    }

    int size() {
        long after = (long) C_INDEX.getVolatile(this);
        for (;;) {
            long before = after;
            long p = (long) P_INDEX.getVolatile(this);
            after = (long) C_INDEX.getVolatile(this);
            if (before == after) {
                long n = (p - after) >> 1;
                return n <= 0 ? 0 : (int) Math.min(n, Integer.MAX_VALUE);
            }
        }
    }
}

/** Keeps the producer fields off the cache line before the object. */
abstract class RingPad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** What producers read and write on every offer. */
abstract class RingProducerFields extends RingPad0 {
    volatile long producerIndex;
    volatile long producerLimit;
    long producerMask;
    Object[] producerBuffer;
}

/** Keeps the consumer fields off the producers' cache lines (two lines: adjacent-line prefetch). */
abstract class RingPad1 extends RingProducerFields {
    long p10, p11, p12, p13, p14, p15, p16, p17;
    long p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
}

/** What the consumer writes on every message, and the array it hands back. */
abstract class RingConsumerFields extends RingPad1 {
    volatile long consumerIndex;
    long consumerMask;
    Object[] consumerBuffer;
    volatile Object[] spare;
}

/**
 * Keeps the consumer fields off the line after the object: the ring's first array is made
 * right after it, and producers write that array's first slots.
 */
abstract class RingPad2 extends RingConsumerFields {
    long p20, p21, p22, p23, p24, p25, p26, p27;
}
