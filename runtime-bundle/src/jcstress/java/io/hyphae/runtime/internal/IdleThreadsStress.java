package io.hyphae.runtime.internal;

import org.openjdk.jcstress.annotations.Actor;
import org.openjdk.jcstress.annotations.Arbiter;
import org.openjdk.jcstress.annotations.Expect;
import org.openjdk.jcstress.annotations.JCStressTest;
import org.openjdk.jcstress.annotations.Outcome;
import org.openjdk.jcstress.annotations.State;
import org.openjdk.jcstress.infra.results.II_Result;

/**
 * The {@code affinity} dispatcher's park/wake handshake ({@link IdleThreads}) against a
 * submission to the real {@link RunQueue}, each side as the dispatcher runs it: a thread
 * going idle must either find the task or be woken by its submitter, never park with the
 * task waiting and nobody to wake it. The sleeper's thread is one never started, so a wake
 * only clears its flag. r1: 1 if the idle thread decided to park; r2: 1 if it is still
 * parked at the end (a lost wake-up), plus 10 if the parked count disagrees with the flag.
 */
public final class IdleThreadsStress {

    private IdleThreadsStress() {
    }

    /**
     * Common state: one idle thread, one queue, one task. The actors and the arbiter stay in
     * each test: jcstress ignores {@code @Actor} and {@code @Arbiter} methods inherited from a
     * base class, and a test whose submitter is inherited runs with the idle thread alone,
     * and passes.
     */
    abstract static class Handshake {
        final RunQueue queue = new RunQueue();
        final IdleThreads.Sleeper sleeper = new IdleThreads.Sleeper(new Thread(() -> { }));
        final IdleThreads idle = new IdleThreads(new IdleThreads.Sleeper[] {sleeper});
        final Object task = "task";

        /** What the dispatcher's submit does. */
        final void submit() {
            queue.offer(task);
            idle.wakeIfNeeded();
        }

        /** The dispatcher's last look before it parks. */
        final boolean mustPark() {
            return idle.mustPark(sleeper, () -> !queue.isEmpty());
        }

        final void check(II_Result r) {
            boolean parked = sleeper.parked;
            r.r2 = (parked ? 1 : 0) + (idle.parked() != (parked ? 1 : 0) ? 10 : 0);
        }
    }

    /** A thread that has stopped spinning parks while the task is submitted. */
    @JCStressTest
    @Outcome(id = {"0, 0", "1, 0"}, expect = Expect.ACCEPTABLE, desc = "the task found, or the thread woken")
    @Outcome(id = "1, 1", expect = Expect.FORBIDDEN, desc = "parked with the task waiting: lost wake-up")
    @Outcome(expect = Expect.FORBIDDEN, desc = "the parked flag and count disagree")
    @State
    public static class ParkAgainstSubmit extends Handshake {

        @Actor
        public void idleThread(II_Result r) {
            r.r1 = mustPark() ? 1 : 0;
        }

        @Actor
        public void submitter() {
            submit();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            check(r);
        }
    }

    /**
     * A thread ends its spin (counted as spinning until then, so a submitter that sees it
     * leaves the task to it), looks at the queue, and parks if it found nothing.
     */
    @JCStressTest
    @Outcome(id = {"0, 0", "1, 0"}, expect = Expect.ACCEPTABLE, desc = "the task found, or the thread woken")
    @Outcome(id = "1, 1", expect = Expect.FORBIDDEN, desc = "parked with the task waiting: lost wake-up")
    @Outcome(expect = Expect.FORBIDDEN, desc = "the parked flag and count disagree")
    @State
    public static class SpinEndAgainstSubmit extends Handshake {

        @Actor
        public void idleThread(II_Result r) {
            boolean found = idle.spinUntil(queue::hasWork, 0) || queue.hasWork();
            r.r1 = !found && mustPark() ? 1 : 0;
        }

        @Actor
        public void submitter() {
            submit();
        }

        @Arbiter
        public void arbiter(II_Result r) {
            check(r);
        }
    }
}
