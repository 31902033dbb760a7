package io.hyphae.perf.workload;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Mailbox benchmarks: a deployed factory's queue on its own, and moving a live actor between factories. */
public final class MailboxWorkloads {

    /** Offers and polls per queue invocation. */
    public static final int BATCH = 1_000;
    /** Messages queued while a swap moves an actor. */
    public static final int QUEUED = 100;

    private MailboxWorkloads() {
    }

    /**
     * One thread offers {@code batch} messages to a queue of the factory, then polls them
     * all; one operation is one offer and one poll. Checks the order of every message
     * polled: arrival order, or for an ordered spec the comparator's order of messages
     * offered in a shuffled order (fixed seed).
     */
    public static final class Queue implements Bench {
        private final MailboxQueue<Object> queue;
        private final Object[] messages;
        /** The order the messages must come out in. */
        private final Object[] expected;

        /**
         * An unbounded queue.
         *
         * @param factory the factory under test
         * @param batch messages per invocation
         */
        public Queue(MailboxFactory factory, int batch) {
            this(factory, MailboxSpec.unbounded(), batch);
        }

        /**
         * A queue of any shape that holds {@code batch} messages.
         *
         * @param factory the factory under test
         * @param spec the queue's shape
         * @param batch messages per invocation
         */
        public Queue(MailboxFactory factory, MailboxSpec spec, int batch) {
            queue = factory.create(spec);
            messages = new Object[batch];
            for (int i = 0; i < batch; i++) {
                messages[i] = Integer.valueOf(i);
            }
            if (spec.isOrdered()) {
                Collections.shuffle(Arrays.asList(messages), new Random(42));
                expected = messages.clone();
                Arrays.sort(expected, spec.order());
            } else {
                expected = messages;
            }
        }

        @Override
        public double invoke() {
            MailboxQueue<Object> q = queue;
            Object[] m = messages;
            for (Object o : m) {
                if (!q.offer(o)) {
                    throw new IllegalStateException("a queue with room refused a message");
                }
            }
            for (Object o : expected) {
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
    public static final class Swap implements Bench {
        private final ActorSystem system;
        private final String[] factories;
        private final int queued;
        private final ActorRef<Object> actor;
        private final Object message = "m";
        private long told;
        private int moves;

        public Swap(ActorSystem system, String from, String to, int queued) {
            this.system = system;
            this.factories = new String[] {to, from};
            this.queued = queued;
            actor = system.spawn(ctx -> new Counter(), ActorWorkloads.on(from));
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
            long counted = ActorWorkloads.count(actor);
            if (counted != told) {
                throw new IllegalStateException(told + " messages told around moves but " + counted + " handled");
            }
        }

        @Override
        public void tearDown() throws Exception {
            ActorWorkloads.stopAll(system, List.of(actor));
        }
    }
}
