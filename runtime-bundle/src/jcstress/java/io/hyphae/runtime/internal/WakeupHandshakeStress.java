package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.I_Result;

/**
 * A message sent (the real {@code CellInbox.enqueue}) while the actor's turn ends (the
 * real {@code CellCore.run}): the cell is handed to the dispatcher exactly once, never
 * zero times (a lost wake-up: the message would sit until the next one arrives) and never
 * twice (two threads would run the actor). One test per built-in queue kind; the JCTools
 * bundle runs the same on its queues. r1: times dispatched.
 */
public final class WakeupHandshakeStress {

    private WakeupHandshakeStress() {
    }

    /** Built-in unbounded (linked) queue. */
    @JCStressTest
    @Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "exactly one side schedules")
    @Outcome(id = "0", expect = Expect.FORBIDDEN, desc = "lost wake-up")
    @Outcome(id = "2", expect = Expect.FORBIDDEN, desc = "scheduled twice")
    @State
    public static class Unbounded {
        final ProbeCell cell = new ProbeCell(new BuiltinMailboxFactory(), MailboxSpec.unbounded());

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

    /** Built-in bounded (array) queue. */
    @JCStressTest
    @Outcome(id = "1", expect = Expect.ACCEPTABLE, desc = "exactly one side schedules")
    @Outcome(id = "0", expect = Expect.FORBIDDEN, desc = "lost wake-up")
    @Outcome(id = "2", expect = Expect.FORBIDDEN, desc = "scheduled twice")
    @State
    public static class Bounded {
        final ProbeCell cell = new ProbeCell(new BuiltinMailboxFactory(), MailboxSpec.bounded(4, Overflow.REJECT));

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
}
