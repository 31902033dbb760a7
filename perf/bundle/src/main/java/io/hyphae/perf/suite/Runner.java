package io.hyphae.perf.suite;

import io.hyphae.perf.workload.Bench;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs one {@link Spec}: warm-up iterations, then measured ones, each invoking the benchmark
 * until its time is up. Only {@link Bench#invoke()} is timed, never the hooks around it.
 * With several threads, each runs its own loop and the iteration's time is the mean of the
 * threads' timed spans.
 */
final class Runner {

    /** At most this many operations are kept per sampled iteration; the rest still run. */
    static final int MAX_SAMPLES = 1 << 20;
    /** How long past its end an iteration of several threads may take before it is broken. */
    private static final long GRACE_SECONDS = 60;

    private final Shape shape;

    Runner(Shape shape) {
        this.shape = shape;
    }

    /** One thread's share of one iteration. */
    private record Span(double ops, long nanos, long[] samples, int sampled) {
    }

    Result run(Spec spec) throws Exception {
        Bench bench = spec.setup().call();
        Result result;
        try {
            ExecutorService pool = spec.threads() > 1 ? Executors.newFixedThreadPool(spec.threads(), workers())
                    : null;
            try {
                for (int i = 0; i < shape.warmups(); i++) {
                    iteration(spec, bench, pool);
                }
                double[] scores = new double[shape.iterations()];
                List<long[]> samples = new ArrayList<>();
                int sampleCount = 0;
                for (int i = 0; i < shape.iterations(); i++) {
                    List<Span> spans = iteration(spec, bench, pool);
                    scores[i] = score(spec.mode(), spans);
                    for (Span s : spans) {
                        samples.add(Arrays.copyOf(s.samples(), s.sampled()));
                        sampleCount += s.sampled();
                    }
                }
                bench.verify();
                long[] all = new long[sampleCount];
                int at = 0;
                for (long[] s : samples) {
                    System.arraycopy(s, 0, all, at, s.length);
                    at += s.length;
                }
                Arrays.sort(all);
                result = new Result(spec, scores, all);
            } finally {
                if (pool != null) {
                    pool.shutdownNow();
                }
            }
        } catch (Exception | Error e) {
            try {
                bench.tearDown();
            } catch (Exception t) {
                e.addSuppressed(t);
            }
            throw e;
        }
        // Outside the try: a failing tear-down fails the run, but is not torn down twice.
        bench.tearDown();
        return result;
    }

    private static double score(Mode mode, List<Span> spans) {
        double ops = 0;
        long nanos = 0;
        for (Span s : spans) {
            ops += s.ops();
            nanos += s.nanos();
        }
        double meanNanos = (double) nanos / spans.size();
        return switch (mode) {
            case THROUGHPUT -> ops / (meanNanos / 1e9);
            case AVERAGE, SAMPLE -> nanos / ops;
            case SINGLE_SHOT -> ops;
        };
    }

    private List<Span> iteration(Spec spec, Bench bench, ExecutorService pool) throws Exception {
        long end = System.nanoTime() + shape.time().toNanos();
        boolean sample = spec.mode() == Mode.SAMPLE;
        Callable<Span> loop = () -> spec.mode() == Mode.SINGLE_SHOT ? once(bench) : loop(bench, end, sample);
        if (pool == null) {
            return List.of(loop.call());
        }
        List<Future<Span>> futures = new ArrayList<>();
        for (int t = 0; t < spec.threads(); t++) {
            futures.add(pool.submit(loop));
        }
        List<Span> spans = new ArrayList<>();
        long waitUntil = end + TimeUnit.SECONDS.toNanos(GRACE_SECONDS);
        for (Future<Span> f : futures) {
            try {
                spans.add(f.get(Math.max(1, waitUntil - System.nanoTime()), TimeUnit.NANOSECONDS));
            } catch (TimeoutException e) {
                throw new TimeoutException(spec.label() + ": a thread's iteration did not end within "
                        + GRACE_SECONDS + " s of its time");
            }
        }
        return spans;
    }

    private static Span once(Bench bench) throws Exception {
        bench.beforeInvocation();
        double value = bench.invoke();
        bench.afterInvocation();
        return new Span(value, 0, new long[0], 0);
    }

    private static Span loop(Bench bench, long end, boolean sample) throws Exception {
        double ops = 0;
        long nanos = 0;
        long[] samples = new long[sample ? 1024 : 0];
        int sampled = 0;
        do {
            bench.beforeInvocation();
            long t0 = System.nanoTime();
            double n = bench.invoke();
            long took = System.nanoTime() - t0;
            bench.afterInvocation();
            ops += n;
            nanos += took;
            if (sample && sampled < MAX_SAMPLES) {
                if (sampled == samples.length) {
                    samples = Arrays.copyOf(samples, Math.min(MAX_SAMPLES, samples.length * 2));
                }
                samples[sampled++] = Math.round(took / n);
            }
        } while (System.nanoTime() < end);
        return new Span(ops, nanos, samples, sampled);
    }

    private static java.util.concurrent.ThreadFactory workers() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "hyphae-perf-worker-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
