package io.hyphae.mailbox.jctools.internal;

import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import java.util.function.Consumer;
import org.jctools.queues.unpadded.MpscUnboundedUnpaddedArrayQueue;

/**
 * An unbounded mailbox: linked chunks of {@value #CHUNK} slots. A chunk is allocated when
 * the producers cross into it, so a burst costs one small array per {@value #CHUNK}
 * messages rather than a node per message, and an idle queue holds one chunk.
 */
final class UnboundedJctoolsQueue<E> implements MailboxQueue<E> {

    /** System property that sets {@link #CHUNK}: a power of two from 2 to 4096. */
    static final String CHUNK_PROPERTY = "hyphae.mailbox.jctools.chunk";

    /** Slots per chunk; the default is explained in perf/README.md. */
    static final int CHUNK = chunk(System.getProperty(CHUNK_PROPERTY));

    static int chunk(String value) {
        if (value == null || value.isBlank()) {
            return 16;
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

    private final MpscUnboundedUnpaddedArrayQueue<E> queue = new MpscUnboundedUnpaddedArrayQueue<>(CHUNK);

    @Override
    public boolean offer(E element) {
        return queue.offer(element);
    }

    @Override
    public E poll() {
        return queue.poll();
    }

    /**
     * Stops at an element whose producer has claimed its slot but not yet written it (a
     * relaxed poll); {@link #isEmpty()} still reports it, so the runtime comes back for it.
     */
    @Override
    public int drain(Consumer<? super E> sink, int limit) {
        MpscUnboundedUnpaddedArrayQueue<E> q = queue;
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
        return queue.isEmpty();
    }

    @Override
    public int size() {
        return queue.size();
    }

    @Override
    public int capacity() {
        return MailboxSpec.UNBOUNDED;
    }
}
