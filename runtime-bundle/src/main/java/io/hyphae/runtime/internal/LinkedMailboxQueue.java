package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * Unbounded multi-producer single-consumer linked queue without a stub node, so an empty
 * queue is two null references (24 bytes with its header).
 *
 * <p>Producers swap themselves into {@code tail} (a full fence) and then link the previous
 * tail to the new node, or publish the node as {@code head} if the queue was empty. The
 * consumer removes the last node by nulling {@code head} first and then CASing
 * {@code tail} to null; if the CAS fails a producer is linking behind it and the consumer
 * waits for the link. This is the enqueue of the MCS lock applied to a queue.
 *
 * <p>{@link #isEmpty} reads {@code tail}, which every offer swaps with a full fence, so an
 * actor that publishes "idle" with a volatile write and then calls it never misses a
 * completed offer. During the short window between the swap and the link, {@link #poll}
 * may return null while {@code isEmpty} is false; the runtime then simply reschedules.
 */
final class LinkedMailboxQueue<E> implements MailboxQueue<E> {

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(LinkedMailboxQueue.class, "head", Node.class);
            TAIL = l.findVarHandle(LinkedMailboxQueue.class, "tail", Node.class);
            NEXT = l.findVarHandle(Node.class, "next", Node.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static final class Node {
        Object item;
        Node next;

        Node(Object item) {
            this.item = item;
        }
    }

    @SuppressWarnings("unused") // accessed through HEAD
    private Node head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile Node tail;

    @Override
    public boolean offer(E element) {
        Node n = new Node(element);
        Node prev = (Node) TAIL.getAndSet(this, n);
        if (prev == null) {
            HEAD.setRelease(this, n);
        } else {
            NEXT.setRelease(prev, n);
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E poll() {
        Node h = (Node) HEAD.getAcquire(this);
        if (h == null) {
            return null;
        }
        Node next = (Node) NEXT.getAcquire(h);
        if (next == null) {
            // h may be the last node: clear head before releasing tail so a producer that
            // finds the queue empty publishes its node after this write.
            HEAD.setOpaque(this, null);
            if (TAIL.compareAndSet(this, h, null)) {
                return (E) take(h);
            }
            while ((next = (Node) NEXT.getAcquire(h)) == null) {
                Thread.onSpinWait();
            }
        }
        HEAD.setRelease(this, next);
        return (E) take(h);
    }

    private static Object take(Node h) {
        Object item = h.item;
        h.item = null;
        // Self-link: a dead node must not keep live ones reachable (GC nepotism).
        NEXT.setOpaque(h, h);
        return item;
    }

    @Override
    public boolean isEmpty() {
        return tail == null;
    }

    @Override
    public int size() {
        Node n = (Node) HEAD.getAcquire(this);
        int count = 0;
        while (n != null && count < Integer.MAX_VALUE) {
            Node next = (Node) NEXT.getAcquire(n);
            if (next == n) {
                // Removed while we walked: the count so far is the best estimate.
                break;
            }
            count++;
            n = next;
        }
        return count;
    }

    @Override
    public int capacity() {
        return MailboxSpec.UNBOUNDED;
    }
}
