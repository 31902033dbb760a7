package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.function.Consumer;

/**
 * The built-in unbounded mailbox: a {@link MailboxRing} made on the first offer, so an actor
 * that has never received a message costs only this 16-byte object. Once made, the ring
 * reuses its array for as long as the actor keeps up, so the message path allocates
 * nothing.
 */
final class ArrayMailboxQueue<E> implements MailboxQueue<E> {

    private static final VarHandle RING;

    static {
        try {
            RING = MethodHandles.lookup().findVarHandle(ArrayMailboxQueue.class, "ring", MailboxRing.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through RING
    private volatile MailboxRing ring;

    private MailboxRing ring() {
        MailboxRing r = ring;
        if (r == null) {
            MailboxRing fresh = new MailboxRing();
            r = (MailboxRing) RING.compareAndExchange(this, null, fresh);
            if (r == null) {
                r = fresh;
            }
        }
        return r;
    }

    @Override
    public boolean offer(E element) {
        ring().offer(element);
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public E poll() {
        MailboxRing r = ring;
        return r == null ? null : (E) r.poll();
    }

    @Override
    @SuppressWarnings("unchecked")
    public int drain(Consumer<? super E> sink, int limit) {
        MailboxRing r = ring;
        return r == null ? 0 : r.drain((Consumer<Object>) sink, limit);
    }

    @Override
    public boolean isEmpty() {
        MailboxRing r = ring;
        return r == null || r.isEmpty();
    }

    @Override
    public int size() {
        MailboxRing r = ring;
        return r == null ? 0 : r.size();
    }

    @Override
    public int capacity() {
        return MailboxSpec.UNBOUNDED;
    }
}
