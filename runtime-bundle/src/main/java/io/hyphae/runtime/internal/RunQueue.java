package io.hyphae.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A dispatcher's shared run queue: a bounded multi-producer multi-consumer array queue
 * (Dmitry Vyukov's, one sequence number per slot) that allocates nothing per offer, with
 * a linked overflow for the rare moment more than {@value #CAPACITY} turns wait at once.
 *
 * <p>A poller takes from the overflow first whenever it holds anything, so a turn that
 * overflowed cannot be passed over for long; order between the two parts is otherwise
 * loose, which is all a run queue needs (fairness, not FIFO).
 */
final class RunQueue extends RunQueueFields {

    /** Turns the array holds before the overflow takes more. */
    static final int CAPACITY = 1 << 14;
    /** Spins on a claimed, unwritten slot before the poller yields its core. */
    private static final int CLAIM_SPINS = 16;

    private static final VarHandle ENQ;
    private static final VarHandle DEQ;
    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ITEM = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ENQ = l.findVarHandle(RunQueueEnqueue.class, "enqueuePos", long.class);
            DEQ = l.findVarHandle(RunQueueFields.class, "dequeuePos", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final int capacity;
    private final int mask;
    private final long[] sequence;
    private final Object[] items;
    private final ConcurrentLinkedQueue<Object> overflow = new ConcurrentLinkedQueue<>();
    /** Whether the overflow may hold something; checked before it is polled. */
    private volatile boolean overflowed;

    RunQueue() {
        this(CAPACITY);
    }

    /** A queue of {@code capacity} (a power of two) slots before the overflow; tests use small ones. */
    RunQueue(int capacity) {
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.sequence = new long[capacity];
        this.items = new Object[capacity];
        for (int i = 0; i < capacity; i++) {
            sequence[i] = i;
        }
    }

    void offer(Object task) {
        long pos = (long) ENQ.getVolatile(this);
        for (;;) {
            int i = (int) pos & mask;
            long seq = (long) SEQ.getAcquire(sequence, i);
            long dif = seq - pos;
            if (dif == 0) {
                if (ENQ.weakCompareAndSet(this, pos, pos + 1)) {
                    ITEM.setOpaque(items, i, task);
                    SEQ.setRelease(sequence, i, pos + 1);
                    return;
                }
                pos = (long) ENQ.getVolatile(this);
            } else if (dif < 0) {
                // Full: every slot holds a turn not yet taken.
                // Flag after the offer: a poller that clears the flag polls once more after.
                overflow.offer(task);
                overflowed = true;
                return;
            } else {
                pos = (long) ENQ.getVolatile(this);
            }
        }
    }

    Object poll() {
        if (overflowed) {
            Object o = overflow.poll();
            if (o != null) {
                return o;
            }
            overflowed = false;
            // An offer may have gone there after the poll and before the flag was cleared.
            o = overflow.poll();
            if (o != null) {
                overflowed = true;
                return o;
            }
        }
        long pos = (long) DEQ.getVolatile(this);
        int waits = 0;
        for (;;) {
            int i = (int) pos & mask;
            long seq = (long) SEQ.getAcquire(sequence, i);
            long dif = seq - (pos + 1);
            if (dif == 0) {
                if (DEQ.weakCompareAndSet(this, pos, pos + 1)) {
                    Object task = ITEM.getOpaque(items, i);
                    ITEM.setOpaque(items, i, null);
                    SEQ.setRelease(sequence, i, pos + capacity);
                    return task;
                }
                pos = (long) DEQ.getVolatile(this);
            } else if (dif < 0) {
                // Empty, or the producer of this slot has claimed it and not yet written it.
                if ((long) ENQ.getVolatile(this) == pos) {
                    return null;
                }
                // A producer preempted between its claim and its write holds this slot up;
                // with more threads than cores it needs this core to finish.
                if (++waits % CLAIM_SPINS == 0) {
                    Thread.yield();
                } else {
                    Thread.onSpinWait();
                }
                pos = (long) DEQ.getVolatile(this);
            } else {
                pos = (long) DEQ.getVolatile(this);
            }
        }
    }

    /**
     * Whether a turn is ready at the head (or in the overflow): a cheap check for threads
     * that spin or decide whether to wake another. It reads the head slot's sequence, which
     * a producer writes once when it publishes, and not the producers' counter, which every
     * offer writes: spinning on that counter would pull its cache line away from the
     * producers on every pass. Not for the decision to park; that is {@link #isEmpty}.
     */
    boolean hasWork() {
        long pos = (long) DEQ.getVolatile(this);
        long seq = (long) SEQ.getAcquire(sequence, (int) pos & mask);
        return seq - (pos + 1) >= 0 || overflowed;
    }

    /**
     * Whether nothing waits. A claimed slot counts as waiting. Offers make the claim with a
     * CAS and this reads it with volatile semantics, so a thread that parks after seeing
     * "empty" cannot miss an offer that completed before.
     */
    boolean isEmpty() {
        return (long) ENQ.getVolatile(this) == (long) DEQ.getVolatile(this) && !overflowed;
    }
}

/** Padding before the producers' counter. */
abstract class RunQueuePad0 {
    long p00, p01, p02, p03, p04, p05, p06, p07;
}

/** Where producers claim slots. */
abstract class RunQueueEnqueue extends RunQueuePad0 {
    volatile long enqueuePos;
}

/** Padding between the two counters (two lines: adjacent-line prefetch). */
abstract class RunQueuePad1 extends RunQueueEnqueue {
    long p10, p11, p12, p13, p14, p15, p16, p17;
    long p18, p19, p1a, p1b, p1c, p1d, p1e, p1f;
}

/** Where consumers claim slots. */
abstract class RunQueueFields extends RunQueuePad1 {
    volatile long dequeuePos;
    long p20, p21, p22, p23, p24, p25, p26, p27;
}
