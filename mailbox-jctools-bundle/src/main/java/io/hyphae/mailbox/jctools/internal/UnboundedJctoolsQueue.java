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
 * chunks (64 slots unless set) the consumer has passed are pooled ({@value #POOLED} of
 * them) and reused, so a steady stream allocates nothing. The padded queue is made on the
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

    /** Chunks kept for reuse once the consumer has passed them. */
    static final int POOLED = 2;

    /** System property that sets {@link #CHUNK}: a power of two from 2 to 4096. */
    static final String CHUNK_PROPERTY = "hyphae.mailbox.jctools.chunk";

    /** Slots per chunk; the default is explained in perf/README.md. */
    static final int CHUNK = chunk(System.getProperty(CHUNK_PROPERTY));

    static int chunk(String value) {
        if (value == null || value.isBlank()) {
            return 64;
        }
        int n;
        try {
            n = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(CHUNK_PROPERTY + " must be a power of two from 2 to 4096, was '"
                    + value + "'");
        }
        if (n < 2 || n > 4096 || Integer.bitCount(n) != 1) {
            throw new InvalidConfigurationException(CHUNK_PROPERTY + " must be a power of two from 2 to 4096, was " + n);
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
