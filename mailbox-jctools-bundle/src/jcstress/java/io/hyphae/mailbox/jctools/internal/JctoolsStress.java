package io.hyphae.mailbox.jctools.internal;

import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import io.hyphae.runtime.internal.ProbeCell;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;
import org.openjdk.jcstress.infra.results.LL_Result;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * The JCTools queues under the runtime's real cell handshake, and their own races.
 */
public final class JctoolsStress {

    private static final JctoolsMailboxFactory FACTORY = new JctoolsMailboxFactory();

    private JctoolsStress() {
    }

    private static MailboxQueue<Object> holding(MailboxSpec spec, Object... elements) {
        MailboxQueue<Object> q = FACTORY.create(spec);
        for (Object e : elements) {
            q.offer(e);
        }
        return q;
    }

    /** A send while the turn ends: dispatched exactly once (unbounded queue). r1: times dispatched. */
    @JCStressTest
    @Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "exactly one side schedules")
    @Outcome(id = "0", expect = Expect.FORBIDDEN, desc = "lost wake-up")
    @Outcome(id = "2", expect = Expect.FORBIDDEN, desc = "scheduled twice")
    @State
    public static class HandshakeUnbounded {
        final ProbeCell cell = new ProbeCell(FACTORY, MailboxSpec.unbounded());

        {
            cell.startTurn();
        }

        @Actor
        public void producer() {
            cell.send("m");
        }

        @Actor
        public void turnEnds() {
            cell.endTurnHandlingNothing();
        }

        @Arbiter
        public void dispatched(I_Result r) {
            r.r1 = cell.dispatched();
        }
    }

    /** The same on the bounded queue (permits over a chunked array). */
    @JCStressTest
    @Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "exactly one side schedules")
    @Outcome(id = "0", expect = Expect.FORBIDDEN, desc = "lost wake-up")
    @Outcome(id = "2", expect = Expect.FORBIDDEN, desc = "scheduled twice")
    @State
    public static class HandshakeBounded {
        final ProbeCell cell = new ProbeCell(FACTORY, MailboxSpec.bounded(4, Overflow.REJECT));

        {
            cell.startTurn();
        }

        @Actor
        public void producer() {
            cell.send("m");
        }

        @Actor
        public void turnEnds() {
            cell.endTurnHandlingNothing();
        }

        @Arbiter
        public void dispatched(I_Result r) {
            r.r1 = cell.dispatched();
        }
    }

    /**
     * Two producers race for the last free slot of capacity 3 over a 4-slot queue, two
     * taken: exactly one offer succeeds (the permit count must win). r1, r2: each result.
     */
    @JCStressTest
    @Outcome(id = {"true, false", "false, true"}, expect = Expect.ACCEPTABLE, desc = "one took the last slot")
    @Outcome(id = "true, true", expect = Expect.FORBIDDEN, desc = "over capacity")
    @Outcome(id = "false, false", expect = Expect.FORBIDDEN, desc = "a free slot refused")
    @State
    public static class LastSlot {
        final MailboxQueue<Object> q = holding(MailboxSpec.bounded(3, Overflow.REJECT), 0, 1);

        @Actor
        public void first(ZZ_Result r) {
            r.r1 = q.offer("a");
        }

        @Actor
        public void second(ZZ_Result r) {
            r.r2 = q.offer("b");
        }
    }

    /** DROP_OLDEST: the actor and an evicting producer poll the one message; it goes to one of them. */
    @JCStressTest
    @Outcome(id = {"m, null", "null, m"}, expect = Expect.ACCEPTABLE, desc = "taken once")
    @Outcome(id = "m, m", expect = Expect.FORBIDDEN, desc = "duplicated")
    @Outcome(id = "null, null", expect = Expect.FORBIDDEN, desc = "lost")
    @State
    public static class Eviction {
        final MailboxQueue<Object> q = holding(MailboxSpec.bounded(2, Overflow.DROP_OLDEST), "m");

        @Actor
        public void actor(LL_Result r) {
            r.r1 = q.poll();
        }

        @Actor
        public void evictingProducer(LL_Result r) {
            r.r2 = q.poll();
        }
    }
}
