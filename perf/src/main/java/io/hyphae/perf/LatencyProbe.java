package io.hyphae.perf;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;

/**
 * Asks an echo actor once a millisecond while the soak runs and keeps each round trip, so
 * every report can give the latency a caller saw under that load.
 */
final class LatencyProbe extends Thread {

    private record Ping(long sent, ActorRef<Long> replyTo) {
    }

    private final ActorSystem system;
    private final AtomicBoolean running;
    private final ActorRef<Ping> echo;
    private long[] samples = new long[1 << 16];
    private int count;

    LatencyProbe(ActorSystem system, AtomicBoolean running) {
        super("soak-latency-probe");
        this.system = system;
        this.running = running;
        this.echo = system.spawn(ctx -> p -> p.replyTo().tell(p.sent()), "latency-probe");
    }

    @Override
    public void run() {
        long next = System.nanoTime();
        while (running.get()) {
            long t0 = System.nanoTime();
            try {
                system.<Ping, Long>ask(echo, r -> new Ping(t0, r), Duration.ofSeconds(10))
                        .toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the latency probe's ask failed", e);
            }
            record(System.nanoTime() - t0);
            next += 1_000_000;
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            } else {
                next = System.nanoTime();
            }
        }
    }

    private synchronized void record(long nanos) {
        if (count == samples.length) {
            samples = Arrays.copyOf(samples, count * 2);
        }
        samples[count++] = nanos;
    }

    /** The round trips since the last call, sorted; the buffer starts again. */
    synchronized long[] take() {
        long[] out = Arrays.copyOf(samples, count);
        count = 0;
        Arrays.sort(out);
        return out;
    }

    /** The {@code q}-quantile of sorted nanoseconds, in microseconds; 0 when there are none. */
    static double percentile(long[] sorted, double q) {
        if (sorted.length == 0) {
            return 0;
        }
        int i = (int) Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1);
        return sorted[Math.max(0, i)] / 1e3;
    }
}
