package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxQueue;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.LL_Result;
import org.openjdk.jcstress.infra.results.ZZ_Result;

/** The built-in bounded queue's races, on the production class. */
public final class BuiltinQueueStress {

    private BuiltinQueueStress() {
    }

    private static MailboxQueue<Object> holding(int capacity, Object... elements) {
        MailboxQueue<Object> q = new BoundedMailboxQueue<>(capacity);
        for (Object e : elements) {
            q.offer(e);
        }
        return q;
    }

    /** Two producers race for the last free slot: exactly one offer succeeds. r1, r2: each offer's result. */
    @JCStressTest
    @Outcome(id = {"true, false", "false, true"}, expect = Expect.ACCEPTABLE, desc = "one took the last slot")
    @Outcome(id = "true, true", expect = Expect.FORBIDDEN, desc = "over capacity")
    @Outcome(id = "false, false", expect = Expect.FORBIDDEN, desc = "a free slot refused")
    @State
    public static class LastSlot {
        final MailboxQueue<Object> q = holding(3, 0, 1);

        @Actor
        public void first(ZZ_Result r) {
            r.r1 = q.offer("a");
        }

        @Actor
        public void second(ZZ_Result r) {
            r.r2 = q.offer("b");
        }
    }

    /**
     * DROP_OLDEST: a producer evicts the head while the actor polls it; the one message goes
     * to exactly one of them. r1: what the actor polled; r2: what the producer evicted.
     */
    @JCStressTest
    @Outcome(id = {"m, null", "null, m"}, expect = Expect.ACCEPTABLE, desc = "taken once")
    @Outcome(id = "m, m", expect = Expect.FORBIDDEN, desc = "duplicated")
    @Outcome(id = "null, null", expect = Expect.FORBIDDEN, desc = "lost")
    @State
    public static class Eviction {
        final MailboxQueue<Object> q = holding(2, "m");

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
