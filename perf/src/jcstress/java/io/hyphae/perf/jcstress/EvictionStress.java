package io.hyphae.perf.jcstress;

import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.Overflow;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;

/**
 * DROP_OLDEST: a producer evicts the head while the actor polls it. The one message goes
 * to exactly one of them. r1: what the actor polled; r2: what the producer evicted.
 */
public final class EvictionStress {

    private EvictionStress() {
    }

    /** JCTools DROP_OLDEST queue (MPMC). */
    @JCStressTest
    @Outcome(id = {"m, null", "null, m"}, expect = Expect.ACCEPTABLE, desc = "taken once")
    @Outcome(id = "m, m", expect = Expect.FORBIDDEN, desc = "duplicated")
    @Outcome(id = "null, null", expect = Expect.FORBIDDEN, desc = "lost")
    @State
    public static class Jctools {
        final MailboxQueue<Object> q = Queues.holding(Queues.bounded(Queues.JCTOOLS, 2, Overflow.DROP_OLDEST), "m");

        @Actor
        public void actor(LL_Result r) {
            r.r1 = q.poll();
        }

        @Actor
        public void evictingProducer(LL_Result r) {
            r.r2 = q.poll();
        }
    }

    /** Built-in DROP_OLDEST queue (MPMC). */
    @JCStressTest
    @Outcome(id = {"m, null", "null, m"}, expect = Expect.ACCEPTABLE, desc = "taken once")
    @Outcome(id = "m, m", expect = Expect.FORBIDDEN, desc = "duplicated")
    @Outcome(id = "null, null", expect = Expect.FORBIDDEN, desc = "lost")
    @State
    public static class Builtin {
        final MailboxQueue<Object> q = Queues.holding(Queues.bounded(Queues.BUILTIN, 2, Overflow.DROP_OLDEST), "m");

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
