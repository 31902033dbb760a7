package io.hyphae.api.mailbox;

import java.util.Comparator;
import java.util.Objects;
import java.util.PriorityQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An unbounded mailbox queue that hands out the smallest message first: producers offer
 * to an inbound queue of the factory's choice (lock-free, many producers), and the single
 * consumer moves what has arrived into a binary heap before each take. Messages that
 * compare equal leave in arrival order. A building block for factories with the
 * {@link MailboxCapability#ORDERED} capability.
 *
 * <p>Costs: an entry object per message and O(log n) per take, all on the consumer's
 * side; {@link #drain} (the interface's) takes one message at a time, so a message that
 * arrives during a batch still goes before larger ones. A comparator that throws makes the two messages
 * equal (logged once per queue); the heap stays whole and no message is lost.
 *
 * @param <E> the element type
 */
public final class OrderedMailboxQueue<E> implements MailboxQueue<E> {

    private static final Logger LOG = LoggerFactory.getLogger(OrderedMailboxQueue.class);

    private final MailboxQueue<E> inbound;
    private final Comparator<? super E> order;
    /** The consumer's heap; touched only by the consumer. */
    private final PriorityQueue<Entry<E>> heap = new PriorityQueue<>(this::compare);
    /** Arrival numbers, given as messages move into the heap (in inbound order). */
    private long arrivals;
    /** The heap's size, for other threads' {@link #size} and {@link #isEmpty}. */
    private volatile int held;
    private boolean comparatorFailed;

    /**
     * Orders the messages offered to {@code inbound}.
     *
     * @param inbound an unbounded multi-producer single-consumer queue, used only through
     *        this one
     * @param order the order
     */
    public OrderedMailboxQueue(MailboxQueue<E> inbound, Comparator<? super E> order) {
        this.inbound = Objects.requireNonNull(inbound, "inbound");
        this.order = Objects.requireNonNull(order, "order");
        if (inbound.capacity() != MailboxSpec.UNBOUNDED) {
            throw new IllegalArgumentException("the inbound queue of an ordered mailbox must be unbounded");
        }
    }

    private record Entry<E>(E element, long arrival) {
    }

    private int compare(Entry<E> a, Entry<E> b) {
        int c;
        try {
            c = order.compare(a.element, b.element);
        } catch (RuntimeException e) {
            if (!comparatorFailed) {
                comparatorFailed = true;
                LOG.warn("a mailbox comparator threw on {} and {}; such messages count as equal", a.element,
                        b.element, e);
            }
            c = 0;
        }
        return c != 0 ? c : Long.compare(a.arrival, b.arrival);
    }

    @Override
    public boolean offer(E element) {
        return inbound.offer(element);
    }

    /** Moves what has arrived into the heap; on the consumer. */
    private void admit() {
        E e;
        boolean moved = false;
        while ((e = inbound.poll()) != null) {
            heap.add(new Entry<>(e, arrivals++));
            moved = true;
        }
        if (moved) {
            held = heap.size();
        }
    }

    @Override
    public E poll() {
        admit();
        Entry<E> first = heap.poll();
        held = heap.size();
        return first == null ? null : first.element;
    }

    @Override
    public boolean isEmpty() {
        return held == 0 && inbound.isEmpty();
    }

    @Override
    public int size() {
        return held + inbound.size();
    }

    @Override
    public int capacity() {
        return MailboxSpec.UNBOUNDED;
    }
}
