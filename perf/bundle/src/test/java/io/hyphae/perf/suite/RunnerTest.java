package io.hyphae.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.perf.report.Report;
import io.hyphae.perf.workload.Bench;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The harness: what is timed, how scores and percentiles are made, and how failures end a run. */
class RunnerTest {

    private static final Shape TINY = new Shape(1, 3, Duration.ofMillis(20));

    /** Records every call. */
    static class Recording implements Bench {
        final AtomicInteger before = new AtomicInteger();
        final AtomicInteger invokes = new AtomicInteger();
        final AtomicInteger after = new AtomicInteger();
        final AtomicInteger verifies = new AtomicInteger();
        final AtomicInteger tearDowns = new AtomicInteger();
        final Set<String> threads = ConcurrentHashMap.newKeySet();
        RuntimeException failOnInvoke;

        @Override
        public void beforeInvocation() {
            before.incrementAndGet();
        }

        @Override
        public double invoke() throws Exception {
            invokes.incrementAndGet();
            threads.add(Thread.currentThread().getName());
            if (failOnInvoke != null && invokes.get() == 5) {
                throw failOnInvoke;
            }
            Thread.sleep(1);
            return 10;
        }

        @Override
        public void afterInvocation() {
            after.incrementAndGet();
        }

        @Override
        public void verify() {
            verifies.incrementAndGet();
        }

        @Override
        public void tearDown() {
            tearDowns.incrementAndGet();
        }
    }

    private static Spec spec(Mode mode, int threads, Bench bench) {
        return new Spec("test", "bench", mode, mode == Mode.THROUGHPUT ? "ops/s" : "ns/op", threads,
                Map.of("mailbox", "m1"), () -> bench);
    }

    @Test
    void hooksWrapEveryInvocationAndTheRunIsVerifiedAndTornDownOnce() throws Exception {
        Recording b = new Recording();
        Result r = new Runner(TINY).run(spec(Mode.THROUGHPUT, 1, b));
        assertEquals(3, r.scores().length);
        assertTrue(b.invokes.get() >= 4, "one invocation per iteration at least");
        assertEquals(b.invokes.get(), b.before.get());
        assertEquals(b.invokes.get(), b.after.get());
        assertEquals(1, b.verifies.get());
        assertEquals(1, b.tearDowns.get());
        // 10 operations per invocation of at least 1 ms: never more than 10,000 per second.
        for (double s : r.scores()) {
            assertTrue(s > 0 && s <= 10_000, "score " + s);
        }
        assertEquals(0, r.samples().length);
    }

    @Test
    void severalThreadsInvokeAtOnce() throws Exception {
        Recording b = new Recording();
        new Runner(TINY).run(spec(Mode.THROUGHPUT, 2, b));
        assertEquals(2, b.threads.size(), b.threads.toString());
        assertTrue(b.threads.stream().allMatch(t -> t.startsWith("hyphae-perf-worker-")), b.threads.toString());
    }

    @Test
    void aFailingInvocationEndsTheRunTearsDownAndIsNotVerified() {
        Recording b = new Recording();
        b.failOnInvoke = new IllegalStateException("lost a message");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Runner(TINY).run(spec(Mode.AVERAGE, 1, b)));
        assertSame(b.failOnInvoke, e);
        assertEquals(0, b.verifies.get());
        assertEquals(1, b.tearDowns.get());
    }

    @Test
    void sampledRunsKeepOneSamplePerOperationOfEveryMeasuredIteration() throws Exception {
        Recording b = new Recording() {
            @Override
            public double invoke() throws Exception {
                super.invoke();
                return 1;
            }
        };
        Result r = new Runner(TINY).run(spec(Mode.SAMPLE, 1, b));
        int warmupInvocations = b.invokes.get() - r.samples().length;
        assertTrue(warmupInvocations >= 1 && r.samples().length >= 3, b.invokes + " " + r.samples().length);
        // Each operation slept at least 1 ms.
        assertTrue(r.percentile(0) >= 1_000_000, "p0 " + r.percentile(0));
    }

    @Test
    void percentilesAreNearestRankOverSortedSamples() {
        long[] samples = new long[100];
        for (int i = 0; i < 100; i++) {
            samples[i] = i + 1;
        }
        Result r = new Result(spec(Mode.SAMPLE, 1, new Recording()), new double[] {1}, samples);
        assertEquals(1, r.percentile(0));
        assertEquals(50, r.percentile(50));
        assertEquals(95, r.percentile(95));
        assertEquals(99, r.percentile(99));
        assertEquals(100, r.percentile(99.9));
        assertEquals(100, r.percentile(100));
        assertEquals(50, r.median());
    }

    @Test
    void resultFilesReadBackAsTheReportRowsTheyStandFor() {
        long[] samples = {100, 200, 300, 400, 1000};
        List<Result> results = new ArrayList<>();
        results.add(new Result(spec(Mode.THROUGHPUT, 1, new Recording()), new double[] {3e6, 1e6, 2e6}, new long[0]));
        results.add(new Result(new Spec("latency", "externalAsk", Mode.SAMPLE, "ns/op", 1,
                Map.of("mailbox", "jctools"), Recording::new), new double[] {400}, samples));
        List<Report.Row> rows = Report.parse(Result.file(results));
        assertEquals(new Report.Row("bench", "hyphae m1", "ops/s", 2e6, 1e6, 3e6), rows.get(0));
        assertEquals(new Report.Row("externalAsk (sample)", "hyphae jctools", "ns/op", 300, 100, 1000, 1000, 1000),
                rows.get(1));
    }
}
