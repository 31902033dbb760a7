package io.hyphae.api.mailbox;

import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * One actor's message queue: multi-producer, single consumer. See the package
 * description for the thread contract.
 *
 * @param <E> the element type
 */
@ConsumerType
public interface MailboxQueue<E> {

    /**
     * Adds an element at the tail. Never blocks.
     *
     * @param element not null
     * @return false if a bounded queue is full; unbounded queues always return true
     */
    boolean offer(E element);

    /**
     * Removes the head.
     *
     * @return the head, or null if the queue is empty
     */
    E poll();

    /**
     * Removes up to {@code limit} elements in order, passing each to {@code sink}.
     *
     * @param sink receives the elements
     * @param limit the most to remove
     * @return how many were removed
     */
    default int drain(Consumer<? super E> sink, int limit) {
        int n = 0;
        E e;
        while (n < limit && (e = poll()) != null) {
            sink.accept(e);
            n++;
        }
        return n;
    }

    /**
     * Whether the queue is empty. Called by the consumer; an element whose offer
     * completed before the call is seen.
     *
     * <p>The runtime's scheduling relies on a stronger ordering: a producer offers and then
     * reads the actor's status with volatile semantics, while the consumer writes that
     * status with volatile semantics and then calls this. Neither may miss the other. So
     * {@code offer} must make the element count with a volatile write or atomic
     * read-modify-write, and this method must read that with volatile semantics, as
     * JCTools' producer index or a linked queue's swapped tail do. A relaxed peek is not
     * enough. The jcstress suite in {@code perf} checks this for the shipped queues.
     *
     * @return true if empty
     */
    boolean isEmpty();

    /**
     * An estimate of the number of queued elements, from any thread.
     *
     * @return the estimate, never negative
     */
    int size();

    /**
     * The capacity.
     *
     * @return the capacity, or {@link MailboxSpec#UNBOUNDED}
     */
    int capacity();
}
