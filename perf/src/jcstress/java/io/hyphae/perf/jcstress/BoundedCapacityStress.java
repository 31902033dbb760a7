package io.hyphae.perf.jcstress;

import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.Overflow;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/**
 * Two producers race for the last free slot of a bounded mailbox: exactly one offer
 * succeeds. JCTools keeps capacities that are not powers of two with a permit count; this
 * is the race that count must win. r1, r2: each producer's offer result.
 */
public final class BoundedCapacityStress {

    private BoundedCapacityStress() {
    }

    /** JCTools, capacity 3 over a 4-slot queue, two already taken. */
    @JCStressTest
    @Outcome(id = {"true, false", "false, true"}, expect = Expect.ACCEPTABLE, desc = "one took the last slot")
    @Outcome(id = "true, true", expect = Expect.FORBIDDEN, desc = "over capacity")
    @Outcome(id = "false, false", expect = Expect.FORBIDDEN, desc = "a free slot refused")
    @State
    public static class Jctools {
        final MailboxQueue<Object> q = Queues.holding(Queues.bounded(Queues.JCTOOLS, 3, Overflow.REJECT), 0, 1);

        @Actor
        public void first(ZZ_Result r) {
            r.r1 = q.offer("a");
        }

        @Actor
        public void second(ZZ_Result r) {
            r.r2 = q.offer("b");
        }
    }

    /** Built-in, capacity 3, two already taken. */
    @JCStressTest
    @Outcome(id = {"true, false", "false, true"}, expect = Expect.ACCEPTABLE, desc = "one took the last slot")
    @Outcome(id = "true, true", expect = Expect.FORBIDDEN, desc = "over capacity")
    @Outcome(id = "false, false", expect = Expect.FORBIDDEN, desc = "a free slot refused")
    @State
    public static class Builtin {
        final MailboxQueue<Object> q = Queues.holding(Queues.bounded(Queues.BUILTIN, 3, Overflow.REJECT), 0, 1);

        @Actor
        public void first(ZZ_Result r) {
            r.r1 = q.offer("a");
        }

        @Actor
        public void second(ZZ_Result r) {
            r.r2 = q.offer("b");
        }
    }
}
