package io.hyphae.runtime.internal;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/** The dispatcher's run queue: many producers, many consumers, an overflow. */
public final class RunQueueStress {

    private RunQueueStress() {
    }

    /**
     * Counts each of {@code first}, {@code a} and {@code b} among {@code taken} plus what is
     * left in {@code q}. r1: tasks seen in total (must be 3); r2: 1 if none was seen twice and
     * the queue ends empty.
     */
    private static void tally(II_Result r, RunQueue q, Object first, Object a, Object b, Object... taken) {
        int seenFirst = 0;
        int seenA = 0;
        int seenB = 0;
        Object[] all = new Object[taken.length + 4];
        System.arraycopy(taken, 0, all, 0, taken.length);
        for (int i = taken.length; i < all.length; i++) {
            all[i] = q.poll();
        }
        for (Object o : all) {
            if (o == first) {
                seenFirst++;
            } else if (o == a) {
                seenA++;
            } else if (o == b) {
                seenB++;
            }
        }
        r.r1 = seenFirst + seenA + seenB;
        r.r2 = seenFirst <= 1 && seenA <= 1 && seenB <= 1 && q.isEmpty() ? 1 : 0;
    }

    /** A two-slot queue already holding one task, and two more tasks to offer. */
    abstract static class OneQueued {
        final RunQueue q = new RunQueue(2);
        final Object first = "first";
        final Object a = "a";
        final Object b = "b";

        OneQueued() {
            q.offer(first);
        }
    }

    /**
     * Two producers on a two-slot queue already holding one task, so one offer overflows.
     * r1, r2 as in {@link #tally}. (Two actors per test: jcstress runs no test with more
     * actors than the machine has CPUs.)
     */
    @JCStressTest
    @Outcome(id = "3, 1", expect = Expect.ACCEPTABLE, desc = "every task once")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost or duplicated")
    @State
    public static class OfferOfferOverflow extends OneQueued {

        @Actor
        public void producerA() {
            q.offer(a);
        }

        @Actor
        public void producerB() {
            q.offer(b);
        }

        @Arbiter
        public void check(II_Result r) {
            tally(r, q, first, a, b);
        }
    }

    /**
     * A producer offers twice into a two-slot queue holding one task, so its second offer
     * overflows, while a consumer polls twice. r1, r2 as in {@link #tally}.
     */
    @JCStressTest
    @Outcome(id = "3, 1", expect = Expect.ACCEPTABLE, desc = "every task once")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost or duplicated")
    @State
    public static class OfferPollOverflow extends OneQueued {
        Object takenFirst;
        Object takenSecond;

        @Actor
        public void producer() {
            q.offer(a);
            q.offer(b);
        }

        @Actor
        public void consumer() {
            takenFirst = q.poll();
            takenSecond = q.poll();
        }

        @Arbiter
        public void check(II_Result r) {
            tally(r, q, first, a, b, takenFirst, takenSecond);
        }
    }

    /**
     * An offer against the emptiness check a thread makes before it parks: a thread that
     * saw "empty" must not miss an offer that completed before. r1: 1 if the consumer saw
     * the task or a non-empty queue; r2: tasks found in total (must be 1).
     */
    @JCStressTest
    @Outcome(id = {"1, 1", "0, 1"}, expect = Expect.ACCEPTABLE, desc = "found now or later")
    @Outcome(expect = Expect.FORBIDDEN, desc = "lost or duplicated")
    @State
    public static class OfferAgainstEmptiness {
        final RunQueue q = new RunQueue(4);
        int polled;

        @Actor
        public void producer() {
            q.offer("t");
        }

        @Actor
        public void consumer(II_Result r) {
            polled = q.poll() != null ? 1 : 0;
            r.r1 = polled == 1 || !q.isEmpty() ? 1 : 0;
        }

        @Arbiter
        public void check(II_Result r) {
            r.r2 = polled + (q.poll() != null ? 1 : 0);
        }
    }
}
