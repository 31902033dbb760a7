package io.hyphae.perf.suite;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import java.util.List;

/** Mailbox benchmarks: a deployed factory's queue on its own, and moving a live actor between factories. */
final class MailboxBenches {

    private MailboxBenches() {
    }

    /**
     * One thread offers {@code batch} messages to an unbounded queue of the factory, then
     * polls them all; one operation is one offer and one poll. Checks the order of every
     * message polled.
     */
    static final class Queue implements Bench {
        private final MailboxQueue<Object> queue;
        private final Object[] messages;

        Queue(MailboxFactory factory, int batch) {
            queue = factory.create(MailboxSpec.unbounded());
            messages = new Object[batch];
            for (int i = 0; i < batch; i++) {
                messages[i] = Integer.valueOf(i);
            }
        }

        @Override
        public double invoke() {
            MailboxQueue<Object> q = queue;
            Object[] m = messages;
            for (Object o : m) {
                if (!q.offer(o)) {
                    throw new IllegalStateException("an unbounded queue refused a message");
                }
            }
            for (Object o : m) {
                Object got = q.poll();
                if (got != o) {
                    throw new IllegalStateException("polled " + got + " where " + o + " was offered");
                }
            }
            if (q.poll() != null) {
                throw new IllegalStateException("the queue returned more than was offered");
            }
            return m.length;
        }
    }

    /**
     * A live actor moves between two factories ({@link ActorSystem#swapMailbox}) with
     * {@code queued} messages told just before each move; one operation lasts until the
     * move is done. Checks that the actor handled every message told, none twice.
     */
    static final class Swap implements Bench {
        private final ActorSystem system;
        private final String[] factories;
        private final int queued;
        private final ActorRef<Object> actor;
        private final Object message = "m";
        private long told;
        private int moves;

        Swap(ActorSystem system, String from, String to, int queued) {
            this.system = system;
            this.factories = new String[] {to, from};
            this.queued = queued;
            actor = system.spawn(ctx -> new Counter(), ActorBenches.on(from));
        }

        @Override
        public double invoke() throws Exception {
            for (int i = 0; i < queued; i++) {
                actor.tell(message);
            }
            told += queued;
            String target = factories[moves++ % 2];
            if (!Waits.await(system.swapMailbox(actor, target), "a move to " + target)) {
                throw new IllegalStateException("the actor did not move to " + target);
            }
            return 1;
        }

        @Override
        public void verify() throws Exception {
            long counted = ActorBenches.count(actor);
            if (counted != told) {
                throw new IllegalStateException(told + " messages told around moves but " + counted + " handled");
            }
        }

        @Override
        public void tearDown() throws Exception {
            ActorBenches.stopAll(system, List.of(actor));
        }
    }
}
