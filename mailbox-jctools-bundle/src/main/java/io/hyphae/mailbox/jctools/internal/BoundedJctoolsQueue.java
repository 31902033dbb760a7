package io.hyphae.mailbox.jctools.internal;

import io.hyphae.api.mailbox.MailboxQueue;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import org.jctools.queues.MessagePassingQueue;
import org.jctools.queues.unpadded.MpmcUnpaddedArrayQueue;
import org.jctools.queues.unpadded.MpscChunkedUnpaddedArrayQueue;

/**
 * A bounded mailbox of exact capacity over a JCTools queue of the next power of two. See
 * the package description for the permit count that keeps the capacity exact.
 */
final class BoundedJctoolsQueue<E> implements MailboxQueue<E> {

    /** First chunk of a single-consumer queue; it grows by doubling up to the capacity. */
    static final int FIRST_CHUNK = 8;

    private static final VarHandle COUNT;

    static {
        try {
            COUNT = MethodHandles.lookup().findVarHandle(BoundedJctoolsQueue.class, "count", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MessagePassingQueue<E> queue;
    private final int capacity;
    /** Permits taken: elements queued plus offers in flight. */
    @SuppressWarnings("unused")
    private volatile int count;

    private BoundedJctoolsQueue(MessagePassingQueue<E> queue, int capacity) {
        this.queue = queue;
        this.capacity = capacity;
    }

    /** For REJECT, DROP_NEWEST and BLOCK: one consumer, storage grown on demand. */
    static <E> BoundedJctoolsQueue<E> singleConsumer(int capacity) {
        int max = Math.max(4, powerOfTwoAtLeast(capacity));
        int first = Math.min(FIRST_CHUNK, max / 2);
        return new BoundedJctoolsQueue<>(new MpscChunkedUnpaddedArrayQueue<>(first, max), capacity);
    }

    /** For DROP_OLDEST: producers poll the head too. */
    static <E> BoundedJctoolsQueue<E> multiConsumer(int capacity) {
        return new BoundedJctoolsQueue<>(new MpmcUnpaddedArrayQueue<>(Math.max(2, powerOfTwoAtLeast(capacity))),
                capacity);
    }

    private static int powerOfTwoAtLeast(int n) {
        return n <= 1 ? 1 : Integer.highestOneBit(n - 1) << 1;
    }

    @Override
    public boolean offer(E element) {
        int c;
        do {
            c = (int) COUNT.getVolatile(this);
            if (c >= capacity) {
                return false;
            }
        } while (!COUNT.compareAndSet(this, c, c + 1));
        if (queue.offer(element)) {
            return true;
        }
        // Unreachable while permits <= capacity <= the queue's capacity; kept so a
        // broken assumption shows as "full" rather than as a lost message.
        COUNT.getAndAdd(this, -1);
        return false;
    }

    @Override
    public E poll() {
        E e = queue.poll();
        if (e != null) {
            COUNT.getAndAdd(this, -1);
        }
        return e;
    }

    /**
     * Returns each element's permit before handing it on: the handler may take long (or
     * block), and the element no longer occupies the queue.
     */
    @Override
    public int drain(Consumer<? super E> sink, int limit) {
        MessagePassingQueue<E> q = queue;
        int n = 0;
        E e;
        while (n < limit && (e = q.relaxedPoll()) != null) {
            COUNT.getAndAdd(this, -1);
            n++;
            sink.accept(e);
        }
        return n;
    }

    @Override
    public boolean isEmpty() {
        return queue.isEmpty();
    }

    @Override
    public int size() {
        return Math.min(capacity, Math.max(0, queue.size()));
    }

    @Override
    public int capacity() {
        return capacity;
    }
}
