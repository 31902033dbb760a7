package io.hyphae.runtime.internal;

import java.util.ArrayList;
import java.util.List;
import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/** The built-in unbounded ring's races where they are hardest: while an array is linked. */
public final class MailboxRingStress {

    private MailboxRingStress() {
    }

    /**
     * Drains what is left into {@code got} and checks it. r1: elements received in total
     * (must be 17); r2: 1 if the pre-filled elements came in order, each of "a" and "b"
     * exactly once, and "a" before "b" when {@code ordered}.
     */
    private static void check(MailboxRing ring, List<Object> got, boolean ordered, II_Result r) {
        while (ring.drain(got::add, 100) > 0 || !ring.isEmpty()) {
            // a claimed slot is written by now; drain again
        }
        r.r1 = got.size();
        int next = 0;
        int a = 0;
        int b = 0;
        boolean ok = true;
        for (Object o : got) {
            if (o instanceof Integer i) {
                ok &= i == next++;
            } else if ("a".equals(o)) {
                a++;
            } else if ("b".equals(o)) {
                b++;
                ok &= !ordered || a == 1;
            }
        }
        r.r2 = ok && a == 1 && b == 1 && next == MailboxRing.INITIAL_CAPACITY - 1 ? 1 : 0;
    }

    /**
     * Two producers offer while the first array is one slot from full, so one of them links
     * the next array. r1, r2 as in {@link #check}. (Two actors per test: jcstress runs no
     * test with more actors than the machine has CPUs.)
     */
    @JCStressTest
    @Outcome(id = "17, 1", expect = Expect.ACCEPTABLE, desc = "everything once, in order")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost, duplicated or reordered")
    @State
    public static class LinkByTwoProducers {
        final MailboxRing ring = new MailboxRing();
        final List<Object> got = new ArrayList<>();

        public LinkByTwoProducers() {
            for (int i = 0; i < MailboxRing.INITIAL_CAPACITY - 1; i++) {
                ring.offer(i);
            }
        }

        @Actor
        public void producerA() {
            ring.offer("a");
        }

        @Actor
        public void producerB() {
            ring.offer("b");
        }

        @Arbiter
        public void arbiter(II_Result r) {
            check(ring, got, false, r);
        }
    }

    /**
     * A producer fills the first array's last slot and links the next while the consumer
     * drains. r1, r2 as in {@link #check}, with "a" before "b".
     */
    @JCStressTest
    @Outcome(id = "17, 1", expect = Expect.ACCEPTABLE, desc = "everything once, in order")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost, duplicated or reordered")
    @State
    public static class LinkWhileDraining {
        final MailboxRing ring = new MailboxRing();
        final List<Object> got = new ArrayList<>();

        public LinkWhileDraining() {
            for (int i = 0; i < MailboxRing.INITIAL_CAPACITY - 1; i++) {
                ring.offer(i);
            }
        }

        @Actor
        public void producer() {
            ring.offer("a");
            ring.offer("b");
        }

        @Actor
        public void consumer() {
            ring.drain(got::add, 8);
        }

        @Arbiter
        public void arbiter(II_Result r) {
            check(ring, got, true, r);
        }
    }

    /**
     * A producer offers while the consumer checks for emptiness after its last drain, as a
     * turn does after writing IDLE: either the consumer sees the element or it is still
     * there to be found. r1: 1 if the consumer saw the queue non-empty or drained the
     * element; r2: elements left at the end plus elements drained (must be 1).
     */
    @JCStressTest
    @Outcome(id = {"1, 1", "0, 1"}, expect = Expect.ACCEPTABLE, desc = "the element is found, now or later")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost or duplicated")
    @State
    public static class OfferAgainstEmptiness {
        final MailboxRing ring = new MailboxRing();
        int drained;

        @Actor
        public void producer() {
            ring.offer("x");
        }

        @Actor
        public void consumer(II_Result r) {
            drained = ring.drain(m -> { }, 1);
            r.r1 = drained > 0 || !ring.isEmpty() ? 1 : 0;
        }

        @Arbiter
        public void check(II_Result r) {
            int left = 0;
            while (ring.poll() != null) {
                left++;
            }
            r.r2 = left + drained;
        }
    }
}
