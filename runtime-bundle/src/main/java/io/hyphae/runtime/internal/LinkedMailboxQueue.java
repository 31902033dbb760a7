package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * Unbounded multi-producer single-consumer linked queue (Dmitry Vyukov's non-intrusive
 * MPSC queue). The queue object is its own first stub node, so an empty queue is one
 * 32-byte object.
 *
 * <p>Producers only swap {@code tail} (a full fence) and link the previous tail to the new
 * node; the consumer only moves {@code head}, keeping the last consumed node as the stub.
 * Neither side writes the other's field, and {@link #drain} publishes {@code head} once per
 * batch, so a busy actor does not bounce the queue's cache line per message.
 *
 * <p>{@link #isEmpty} compares {@code tail} (read with volatile semantics) with
 * {@code head}: an actor that publishes "idle" with a volatile write and then calls it
 * never misses a completed offer. Between a producer's swap and its link, {@link #poll}
 * may return null while {@code isEmpty} is false; the runtime then simply reschedules.
 */
final class LinkedMailboxQueue<E> extends LinkedNode implements MailboxQueue<E> {

    private static final VarHandle HEAD;
    private static final VarHandle TAIL;
    private static final VarHandle NEXT;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            HEAD = l.findVarHandle(LinkedMailboxQueue.class, "head", LinkedNode.class);
            TAIL = l.findVarHandle(LinkedMailboxQueue.class, "tail", LinkedNode.class);
            NEXT = l.findVarHandle(LinkedNode.class, "next", LinkedNode.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** The stub: the last consumed node (initially this). Consumer only. */
    @SuppressWarnings("unused") // accessed through HEAD
    private LinkedNode head;
    @SuppressWarnings("unused") // accessed through TAIL
    private volatile LinkedNode tail;

    LinkedMailboxQueue() {
        super(null);
        head = this;
        tail = this;
    }

    @Override
    public boolean offer(E element) {
        LinkedNode n = new LinkedNode(element);
        LinkedNode prev = (LinkedNode) TAIL.getAndSet(this, n);
        NEXT.setRelease(prev, n);
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E poll() {
        LinkedNode h = (LinkedNode) HEAD.getOpaque(this);
        LinkedNode next = (LinkedNode) NEXT.getAcquire(h);
        if (next == null) {
            return null;
        }
        Object item = next.item;
        next.item = null;
        HEAD.setRelease(this, next);
        retire(h);
        return (E) item;
    }

    @Override
    @SuppressWarnings("unchecked")
    public int drain(Consumer<? super E> sink, int limit) {
        LinkedNode start = (LinkedNode) HEAD.getOpaque(this);
        LinkedNode h = start;
        int n = 0;
        try {
            while (n < limit) {
                LinkedNode next = (LinkedNode) NEXT.getAcquire(h);
                if (next == null) {
                    break;
                }
                Object item = next.item;
                next.item = null;
                h = next;
                n++;
                sink.accept((E) item);
            }
        } finally {
            if (n > 0) {
                HEAD.setRelease(this, h);
                // Retired after the new head is published, not one by one: a size() walk
                // that starts at the published head then meets no retired node until the
                // next batch ends, so it can count a queue that is being drained.
                for (LinkedNode r = start; r != h; ) {
                    LinkedNode next = (LinkedNode) NEXT.getOpaque(r);
                    retire(r);
                    r = next;
                }
            }
        }
        return n;
    }

    /**
     * Self-links a retired stub so a dead node that was tenured cannot keep every later
     * node alive (GC nepotism). Safe: a stub is retired only after its successor was
     * linked, so no producer writes its {@code next} again. The queue object, the first
     * stub, is never retired this way because {@link #size} starts from {@code head}.
     */
    private void retire(LinkedNode h) {
        if (h != this) {
            NEXT.setOpaque(h, h);
        }
    }

    @Override
    public boolean isEmpty() {
        return TAIL.getVolatile(this) == HEAD.getOpaque(this);
    }

    @Override
    public int size() {
        // Walked from any thread: an estimate. It counts from the head the consumer last
        // published, so messages of the batch in hand count until the batch ends, when the
        // runtime also counts them as processed. A retired node (linked to itself) means
        // the walk started from a head that has moved on: it starts again from the new one.
        int count = 0;
        for (int attempt = 0; attempt < 8; attempt++) {
            LinkedNode n = (LinkedNode) HEAD.getAcquire(this);
            count = 0;
            LinkedNode next;
            while ((next = (LinkedNode) NEXT.getAcquire(n)) != null) {
                if (next == n) {
                    break;
                }
                if (++count == Integer.MAX_VALUE) {
                    return count;
                }
                n = next;
            }
            if (next == null) {
                return count;
            }
        }
        return count;
    }

    @Override
    public int capacity() {
        return MailboxSpec.UNBOUNDED;
    }
}

/** A node of {@link LinkedMailboxQueue}; the queue object is its own first node. */
class LinkedNode {
    Object item;
    LinkedNode next;

    LinkedNode(Object item) {
        this.item = item;
    }
}
