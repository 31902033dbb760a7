package io.hyphae.perf;

import io.hyphae.perf.Mesh.Node;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Fairness: {@value #BUSY} actors are kept busy (each message begets the next, so each
 * always uses its whole throughput) while the benchmark thread sends to an echo actor and
 * waits for it; JMH reports the round trip's percentiles. The featureless reference actor
 * is not measured here: on a plain {@code ForkJoinPool} a message from outside waits for
 * ever behind busy pool threads (it timed out after 30 s), which is what Hyphae's
 * dispatchers take care to avoid.
 *
 * <pre>{@code
 * java -jar perf/target/benchmarks.jar FairnessJmh -f 1 -wi 3 -i 3 -w 1s -r 1s
 * }</pre>
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class FairnessJmh {

    /** Actors kept busy. */
    public static final int BUSY = 1_000;
    private static final long WAIT_SECONDS = 30;

    /** The crowd and the echo on one dispatcher and mailbox. */
    @State(Scope.Benchmark)
    public static class Crowd {
        /** DISPATCHER/MAILBOX. */
        @Param({"affinity/builtin", "affinity/jctools", "work-stealing/builtin", "work-stealing/jctools"})
        public String target;

        /** Threads that run handlers. */
        @Param("2")
        public int threads;

        final Node[] busy = new Node[BUSY];
        final LongAdder sent = new LongAdder();
        final LongAdder echoed = new LongAdder();
        volatile boolean running = true;
        Mesh mesh;
        Node echo;

        /** Starts the crowd. */
        @Setup(Level.Trial)
        public void setUp() {
            mesh = Mesh.of(target, threads);
            for (int i = 0; i < BUSY; i++) {
                int me = i;
                busy[i] = mesh.spawn(m -> {
                    if (running) {
                        busy[me].tell(m);
                    }
                });
            }
            echo = mesh.spawn(m -> {
                echoed.increment();
                ((CountDownLatch) m).countDown();
            });
            for (Node b : busy) {
                b.tell("busy");
            }
        }

        /**
         * Checks every round trip was answered once, and stops the crowd.
         *
         * @throws Exception if one was lost or answered twice
         */
        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            running = false;
            try {
                if (echoed.sum() != sent.sum()) {
                    throw new IllegalStateException(target + ": " + echoed.sum() + " echoes for " + sent.sum()
                            + " messages");
                }
            } finally {
                mesh.close();
            }
        }
    }

    /**
     * One round trip to the echo actor among the busy crowd.
     *
     * @param c the crowd
     * @return the latch count
     * @throws Exception if the echo did not answer within 30 s
     */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double echoAmongBusy(Crowd c) throws Exception {
        CountDownLatch latch = new CountDownLatch(1);
        c.sent.increment();
        c.echo.tell(latch);
        if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
            throw new TimeoutException(c.target + ": no echo after " + WAIT_SECONDS + " s");
        }
        return latch.getCount();
    }
}
