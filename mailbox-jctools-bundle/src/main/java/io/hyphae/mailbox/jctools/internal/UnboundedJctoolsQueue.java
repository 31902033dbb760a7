package io.hyphae.mailbox.jctools.internal;

import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * An unbounded mailbox on JCTools' {@link MpscUnboundedXaddArrayQueue}: producers claim a
 * slot with one atomic add, producer and consumer indices sit on separate cache lines, and
 * chunks (64 slots unless set) the consumer has passed are pooled (2 of them unless set)
 * and reused, so a steady stream allocates nothing. The padded queue is made on the
 * first offer: an actor that never received a message costs only this 16-byte object.
 */
final class UnboundedJctoolsQueue<E> implements MailboxQueue<E> {

    private static final VarHandle QUEUE;

    static {
        try {
            QUEUE = MethodHandles.lookup().findVarHandle(UnboundedJctoolsQueue.class, "queue",
                    MpscUnboundedXaddArrayQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** System property that sets {@link #POOLED}: 1 to 1024. */
    static final String POOLED_PROPERTY = "hyphae.mailbox.jctools.pooled";

    /**
     * Chunks kept for reuse once the consumer has passed them, the first included. JCTools
     * allocates them all with the queue, on an actor's first message, so each one costs
     * every actor that has received anything a chunk's worth of memory; the default is 2.
     */
    static final int POOLED = setting(POOLED_PROPERTY, System.getProperty(POOLED_PROPERTY), 2, 1, 1024, false);

    /** System property that sets {@link #CHUNK}: a power of two from 2 to 4096. */
    static final String CHUNK_PROPERTY = "hyphae.mailbox.jctools.chunk";

    /** Slots per chunk; the default is explained in perf/README.md. */
    static final int CHUNK = chunk(System.getProperty(CHUNK_PROPERTY));

    static int chunk(String value) {
        return setting(CHUNK_PROPERTY, value, 64, 2, 4096, true);
    }

    /** A whole number from a system property: blank gives the default, anything out of range a typed error. */
    static int setting(String property, String value, int defaultValue, int min, int max, boolean powerOfTwo) {
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        String range = (powerOfTwo ? " must be a power of two from " : " must be a whole number from ")
                + min + " to " + max + ", was ";
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(property + range + "'" + value + "'");
        }
        if (n < min || n > max || (powerOfTwo && Integer.bitCount(n) != 1)) {
            throw new InvalidConfigurationException(property + range + n);
        }
        return n;
    }

    @SuppressWarnings("unused") // accessed through QUEUE
    private volatile MpscUnboundedXaddArrayQueue<E> queue;

    @SuppressWarnings("unchecked")
    private MpscUnboundedXaddArrayQueue<E> queue() {
        MpscUnboundedXaddArrayQueue<E> q = queue;
        if (q == null) {
            MpscUnboundedXaddArrayQueue<E> fresh = new MpscUnboundedXaddArrayQueue<>(CHUNK, POOLED);
            q = (MpscUnboundedXaddArrayQueue<E>) QUEUE.compareAndExchange(this, null, fresh);
            if (q == null) {
                q = fresh;
            }
        }
        return q;
    }

    @Override
    public boolean offer(E element) {
        return queue().offer(element);
    }

    @Override
    public E poll() {
        MpscUnboundedXaddArrayQueue<E> q = queue;
        return q == null ? null : q.poll();
    }

    /**
     * Stops at an element whose producer has claimed its slot but not yet written it (a
     * relaxed poll); {@link #isEmpty()} still reports it, so the runtime comes back for it.
     */
    @Override
    public int drain(Consumer<? super E> sink, int limit) {
        MpscUnboundedXaddArrayQueue<E> q = queue;
        if (q == null) {
            return 0;
        }
        int n = 0;
        E e;
        while (n < limit && (e = q.relaxedPoll()) != null) {
            sink.accept(e);
            n++;
        }
        return n;
    }

    @Override
    public boolean isEmpty() {
        MpscUnboundedXaddArrayQueue<E> q = queue;
        return q == null || q.isEmpty();
    }

    @Override
    public int size() {
        MpscUnboundedXaddArrayQueue<E> q = queue;
        return q == null ? 0 : q.size();
    }

    @Override
    public int capacity() {
        return MailboxSpec.UNBOUNDED;
    }
}
