package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxQueue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Bounded multi-producer multi-consumer array queue (Dmitry Vyukov's algorithm: one
 * sequence number per slot). Multi-consumer so producers of a DROP_OLDEST mailbox can
 * evict the head. The arrays are allocated on the first offer so an idle actor with a
 * bounded mailbox costs only this object.
 *
 * <p>The capacity is exact: the arrays are the next power of two, and an offer fails when
 * {@code capacity} elements are queued.
 */
final class BoundedMailboxQueue<E> extends BoundedQueuePad implements MailboxQueue<E> {

    private static final VarHandle ENQ;
    private static final VarHandle DEQ;
    private static final VarHandle BUF;
    private static final VarHandle SEQ = MethodHandles.arrayElementVarHandle(long[].class);
    private static final VarHandle ITEM = MethodHandles.arrayElementVarHandle(Object[].class);

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            ENQ = l.findVarHandle(BoundedMailboxQueue.class, "enqueuePos", long.class);
            DEQ = l.findVarHandle(BoundedQueueConsumer.class, "dequeuePos", long.class);
            BUF = l.findVarHandle(BoundedMailboxQueue.class, "buffer", Buffer.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Buffer {
        final long[] sequence;
        final Object[] items;

        Buffer(int size) {
            sequence = new long[size];
            items = new Object[size];
            for (int i = 0; i < size; i++) {
                sequence[i] = i;
            }
        }
    }

    private final int capacity;
    private final int mask;
    private volatile long enqueuePos;
    private volatile Buffer buffer;

    BoundedMailboxQueue(int capacity) {
        if (capacity <= 0 || capacity > (1 << 30)) {
            throw new IllegalArgumentException("capacity must be in 1..2^30, was " + capacity);
        }
        this.capacity = capacity;
        this.mask = (capacity == 1 ? 1 : Integer.highestOneBit(capacity - 1) << 1) - 1;
    }

    private Buffer buffer() {
        Buffer b = buffer;
        if (b == null) {
            Buffer fresh = new Buffer(mask + 1);
            b = BUF.compareAndSet(this, null, fresh) ? fresh : buffer;
        }
        return b;
    }

    @Override
    public boolean offer(E element) {
        Buffer b = buffer();
        for (;;) {
            long pos = enqueuePos;
            if (pos - (long) DEQ.getVolatile(this) >= capacity) {
                return false;
            }
            int slot = (int) pos & mask;
            long seq = (long) SEQ.getAcquire(b.sequence, slot);
            long dif = seq - pos;
            if (dif == 0) {
                if (ENQ.compareAndSet(this, pos, pos + 1)) {
                    ITEM.setOpaque(b.items, slot, element);
                    SEQ.setRelease(b.sequence, slot, pos + 1);
                    return true;
                }
            } else if (dif < 0) {
                return false;
            }
            Thread.onSpinWait();
        }
    }

    @Override
    @SuppressWarnings("unchecked")
    public E poll() {
        Buffer b = buffer;
        if (b == null) {
            return null;
        }
        for (;;) {
            long pos = (long) DEQ.getVolatile(this);
            int slot = (int) pos & mask;
            long seq = (long) SEQ.getAcquire(b.sequence, slot);
            long dif = seq - (pos + 1);
            if (dif == 0) {
                if (DEQ.compareAndSet(this, pos, pos + 1)) {
                    Object e = ITEM.getOpaque(b.items, slot);
                    ITEM.setOpaque(b.items, slot, null);
                    SEQ.setRelease(b.sequence, slot, pos + mask + 1);
                    return (E) e;
                }
            } else if (dif < 0) {
                return null;
            }
            Thread.onSpinWait();
        }
    }

    @Override
    public boolean isEmpty() {
        long deq = (long) DEQ.getVolatile(this);
        return enqueuePos <= deq;
    }

    @Override
    public int size() {
        long deq = (long) DEQ.getVolatile(this);
        long n = enqueuePos - deq;
        return (int) Math.max(0, Math.min(capacity, n));
    }

    @Override
    public int capacity() {
        return capacity;
    }
}

/** The consumers' index, first in the object layout. */
abstract class BoundedQueueConsumer {
    @SuppressWarnings("unused") // accessed through a VarHandle
    volatile long dequeuePos;
}

/**
 * Keeps the producers' index (declared in the subclass, so laid out after this) off the
 * consumers' cache line: both are CASed on every message.
 */
abstract class BoundedQueuePad extends BoundedQueueConsumer {
    long p01, p02, p03, p04, p05, p06, p07, p08;
}
