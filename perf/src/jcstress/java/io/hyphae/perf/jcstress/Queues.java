package io.hyphae.perf.jcstress;

import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ServiceLoader;

/**
 * The shipped mailbox factories, found the way the runtime finds them, and the scheduling
 * handshake the runtime builds on their queues.
 */
final class Queues {

    static final MailboxFactory BUILTIN = find("builtin");
    static final MailboxFactory JCTOOLS = find("jctools");

    private Queues() {
    }

    private static MailboxFactory find(String name) {
        for (MailboxFactory f : ServiceLoader.load(MailboxFactory.class)) {
            if (f.name().equals(name)) {
                return f;
            }
        }
        throw new IllegalStateException("no mailbox factory '" + name + "' on the class path");
    }

    static MailboxQueue<Object> unbounded(MailboxFactory f) {
        return f.create(MailboxSpec.unbounded());
    }

    static MailboxQueue<Object> bounded(MailboxFactory f, int capacity, Overflow overflow) {
        return f.create(MailboxSpec.bounded(capacity, overflow));
    }

    /** The queue, after offering the elements in order. */
    static MailboxQueue<Object> holding(MailboxQueue<Object> q, Object... elements) {
        for (Object e : elements) {
            q.offer(e);
        }
        return q;
    }

    /**
     * An actor's scheduling state over one queue, as {@code ActorCell} uses it: a producer
     * offers and then tries IDLE to SCHEDULED; a turn ends by writing IDLE and then, if the
     * queue is not empty, tries IDLE to SCHEDULED itself. Exactly one of the two must win
     * when a message is pending, for any queue a factory makes; that rests on
     * {@code offer} and {@code isEmpty} ordering against the status accesses.
     */
    static final class Handshake {
        static final int IDLE = 0;
        static final int SCHEDULED = 1;
        private static final VarHandle STATUS;

        static {
            try {
                STATUS = MethodHandles.lookup().findVarHandle(Handshake.class, "status", int.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }

        final MailboxQueue<Object> queue;
        /** The turn is running: the consumer holds SCHEDULED. */
        @SuppressWarnings("unused")
        private volatile int status = SCHEDULED;

        Handshake(MailboxQueue<Object> queue) {
            this.queue = queue;
        }

        /** ActorCell.enqueue: 1 if this producer scheduled the actor. */
        int produce() {
            queue.offer("m");
            return (int) STATUS.getVolatile(this) == IDLE && STATUS.compareAndSet(this, IDLE, SCHEDULED) ? 1 : 0;
        }

        /** The end of ActorCell.run: 1 if the turn rescheduled the actor. */
        int endTurn() {
            STATUS.setVolatile(this, IDLE);
            return !queue.isEmpty() && STATUS.compareAndSet(this, IDLE, SCHEDULED) ? 1 : 0;
        }
    }
}
