package io.hyphae.perf;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * How long an actor with a full mailbox stops handling messages while it moves to another
 * mailbox factory, or while its code is upgraded in place ({@code ActorSystem.upgrade}). The actor is held inside a message while {@code queued} messages and a
 * move are queued behind it; once let go, it records when that message ended and when it
 * handled the next one. The gap is the pause: the move (draining the old queue) plus one
 * dispatch. The same run without a move gives the baseline. Timestamps are taken inside
 * the actor, so thread wake-ups do not count.
 *
 * <pre>java -cp perf/target/benchmarks.jar io.hyphae.perf.SwapPause [queued] [rounds]</pre>
 */
public final class SwapPause {

    /** In place of a factory name: upgrade the actor's code instead of moving it. */
    private static final String UPGRADE = "<upgrade>";

    private SwapPause() {
    }

    /** Holds on a latch message; timestamps the end of it and the message after it. */
    static final class Probe implements Actor<Object> {
        volatile long heldEnded;
        volatile long nextStarted;
        private boolean afterHold;

        @Override
        public void receive(Object m) throws InterruptedException {
            if (m instanceof CountDownLatch[] gate) {
                gate[0].countDown();
                gate[1].await();
                heldEnded = System.nanoTime();
                afterHold = true;
            } else if (afterHold) {
                nextStarted = System.nanoTime();
                afterHold = false;
            }
        }
    }

    /**
     * Runs the probe.
     *
     * @param args queued messages (default 10,000) and rounds per case (default 1,000)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int queued = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        try (ActorSystem system = Systems.create("swap-pause", 2, "builtin")) {
            Probe probe = new Probe();
            ActorRef<Object> actor = system.spawn(ctx -> probe, "probe");
            // Warm up every path before measuring.
            run(system, actor, probe, queued, rounds / 2, new String[] {"jctools", "builtin"});
            run(system, actor, probe, queued, rounds / 2, null);
            report("no move (baseline)", run(system, actor, probe, queued, rounds, null));
            report("builtin <-> jctools", run(system, actor, probe, queued, rounds, new String[] {"jctools", "builtin"}));
            // The factory hands back the same probe, so its timestamps survive the swap; what
            // is timed is the upgrade machinery on the actor's turn.
            run(system, actor, probe, queued, rounds / 2, new String[] {UPGRADE});
            report("upgrade in place", run(system, actor, probe, queued, rounds, new String[] {UPGRADE}));
        }
    }

    private static long[] run(ActorSystem system, ActorRef<Object> actor, Probe probe, int queued, int rounds,
            String[] alternate) throws Exception {
        long[] pauses = new long[rounds];
        Object message = "m";
        for (int r = 0; r < rounds; r++) {
            CountDownLatch[] gate = {new CountDownLatch(1), new CountDownLatch(1)};
            probe.nextStarted = 0;
            actor.tell(gate);
            gate[0].await();
            for (int i = 0; i < queued; i++) {
                actor.tell(message);
            }
            CompletableFuture<?> moved = alternate == null ? null
                    : alternate[0].equals(UPGRADE)
                            ? system.upgrade(actor, ctx -> probe, "v" + r).toCompletableFuture()
                            : system.swapMailbox(actor, alternate[r % 2]).toCompletableFuture();
            gate[1].countDown();
            // Park rather than spin, and only then look at the move's result: on two
            // cores a spinning or freshly woken waiter would compete with the actor's thread.
            while (probe.nextStarted == 0) {
                LockSupport.parkNanos(50_000);
            }
            if (moved != null && Boolean.FALSE.equals(moved.get(10, TimeUnit.SECONDS))) {
                throw new IllegalStateException("the actor did not move");
            }
            pauses[r] = probe.nextStarted - probe.heldEnded;
            // Let the queued messages drain before the next round.
            CountDownLatch drained = new CountDownLatch(1);
            actor.tell(new CountDownLatch[] {drained, new CountDownLatch(0)});
            drained.await();
        }
        return pauses;
    }

    private static void report(String what, long[] pauses) {
        long[] s = pauses.clone();
        Arrays.sort(s);
        System.out.printf("%-22s rounds %d: p50 %7.1f µs  p95 %7.1f µs  p99 %7.1f µs  max %7.1f µs%n", what, s.length,
                s[s.length / 2] / 1e3, s[(int) (s.length * 0.95)] / 1e3, s[(int) (s.length * 0.99)] / 1e3,
                s[s.length - 1] / 1e3);
    }
}
