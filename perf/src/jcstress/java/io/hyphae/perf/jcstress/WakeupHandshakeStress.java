package io.hyphae.perf.jcstress;

import io.hyphae.api.mailbox.Overflow;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * A message offered while the actor's turn ends: either the producer or the turn
 * schedules the actor, never neither (a lost wake-up: the message would sit until the next
 * one arrives) and never both (two threads would run the actor). One test per queue kind.
 * r1: the producer scheduled; r2: the turn rescheduled.
 */
public final class WakeupHandshakeStress {

    private WakeupHandshakeStress() {
    }

    /** Built-in unbounded (linked) queue. */
    @JCStressTest
    @Outcome(id = {"1, 0", "0, 1"}, expect = Expect.ACCEPTABLE, desc = "exactly one side schedules")
    @Outcome(id = "0, 0", expect = Expect.FORBIDDEN, desc = "lost wake-up")
    @Outcome(id = "1, 1", expect = Expect.FORBIDDEN, desc = "scheduled twice")
    @State
    public static class BuiltinUnbounded {
        final Queues.Handshake h = new Queues.Handshake(Queues.unbounded(Queues.BUILTIN));

        @Actor
        public void producer(II_Result r) {
            r.r1 = h.produce();
        }

        @Actor
        public void turnEnds(II_Result r) {
            r.r2 = h.endTurn();
        }
    }

    /** Built-in bounded (array) queue. */
    @JCStressTest
    @Outcome(id = {"1, 0", "0, 1"}, expect = Expect.ACCEPTABLE, desc = "exactly one side schedules")
    @Outcome(id = "0, 0", expect = Expect.FORBIDDEN, desc = "lost wake-up")
    @Outcome(id = "1, 1", expect = Expect.FORBIDDEN, desc = "scheduled twice")
    @State
    public static class BuiltinBounded {
        final Queues.Handshake h = new Queues.Handshake(Queues.bounded(Queues.BUILTIN, 4, Overflow.REJECT));

        @Actor
        public void producer(II_Result r) {
            r.r1 = h.produce();
        }

        @Actor
        public void turnEnds(II_Result r) {
            r.r2 = h.endTurn();
        }
    }

    /** JCTools unbounded (chunked array) queue. */
    @JCStressTest
    @Outcome(id = {"1, 0", "0, 1"}, expect = Expect.ACCEPTABLE, desc = "exactly one side schedules")
    @Outcome(id = "0, 0", expect = Expect.FORBIDDEN, desc = "lost wake-up")
    @Outcome(id = "1, 1", expect = Expect.FORBIDDEN, desc = "scheduled twice")
    @State
    public static class JctoolsUnbounded {
        final Queues.Handshake h = new Queues.Handshake(Queues.unbounded(Queues.JCTOOLS));

        @Actor
        public void producer(II_Result r) {
            r.r1 = h.produce();
        }

        @Actor
        public void turnEnds(II_Result r) {
            r.r2 = h.endTurn();
        }
    }

    /** JCTools bounded queue (permits over a chunked array). */
    @JCStressTest
    @Outcome(id = {"1, 0", "0, 1"}, expect = Expect.ACCEPTABLE, desc = "exactly one side schedules")
    @Outcome(id = "0, 0", expect = Expect.FORBIDDEN, desc = "lost wake-up")
    @Outcome(id = "1, 1", expect = Expect.FORBIDDEN, desc = "scheduled twice")
    @State
    public static class JctoolsBounded {
        final Queues.Handshake h = new Queues.Handshake(Queues.bounded(Queues.JCTOOLS, 4, Overflow.REJECT));

        @Actor
        public void producer(II_Result r) {
            r.r1 = h.produce();
        }

        @Actor
        public void turnEnds(II_Result r) {
            r.r2 = h.endTurn();
        }
    }
}
