package io.hyphae.perf;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Subscription;
import io.hyphae.api.SystemMetrics;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.RestartType;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorSpec;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * Sustained load, reported every interval: tells to 1,000 actors, publishes to 100 broker
 * subscribers, asks, and churn (supervised children started and stopped, subscriptions
 * made and cancelled, every actor moved between mailbox implementations). Each report
 * gives the messages handled per second in that interval, the heap used right after a
 * full collection (a leak shows as a heap that keeps growing) and the latency of asks
 * made once a millisecond by a probe thread (p50, p99, max). The producer keeps at most
 * 100,000 messages in flight, so queues cannot grow without bound.
 *
 * <p>With a load fraction, the first 20 s run at full speed to find the maximum; the
 * producer then holds that fraction of it. The reports are also written as CSV and as an
 * SVG chart ({@code -Dhyphae.soak.out=DIR}, default {@code perf-results}).
 *
 * <pre>java -cp perf/target/benchmarks.jar io.hyphae.perf.Soak [minutes] [interval-seconds] [load-fraction]</pre>
 */
public final class Soak {

    private static final int ACTORS = 1_000;
    private static final int SUBSCRIBERS = 100;
    private static final long IN_FLIGHT = 100_000;
    private static final int CALIBRATION_SECONDS = 20;

    private Soak() {
    }

    /** One report: an interval's figures. */
    record Report(double minute, double mps, double asksPerSecond, double churnPerSecond, double heapMb,
            long liveActors, long gcMillis, long deadLetters, double p50Micros, double p99Micros, double maxMicros) {
    }

    /** What a run found. */
    record Result(double calibratedMps, double targetMps, List<Report> reports) {
    }

    /**
     * Runs the soak.
     *
     * @param args minutes (default 15), seconds per report (default 60), and the load as a
     *        fraction of the measured maximum (default 0: as fast as possible)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int interval = args.length > 1 ? Integer.parseInt(args[1]) : 60;
        double fraction = args.length > 2 ? Double.parseDouble(args[2]) : 0;
        Result r = run(minutes, interval, fraction);
        SoakChart.write(r, java.nio.file.Path.of(System.getProperty("hyphae.soak.out", "perf-results")));
    }

    /**
     * Runs the soak and returns its reports; throws if a load thread died.
     *
     * @param minutes how long to measure, after the calibration
     * @param interval seconds per report
     * @param fraction load as a fraction of the calibrated maximum; 0 or less for full speed
     * @return the reports
     * @throws Exception on failure
     */
    static Result run(int minutes, int interval, double fraction) throws Exception {
        LongAdder handled = new LongAdder();
        AtomicLong sent = new AtomicLong();
        AtomicLong asks = new AtomicLong();
        AtomicLong churn = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        try (ActorSystem system = Systems.create("soak", 2)) {
            MessageBroker broker = Systems.broker(system, "hash");
            Supervision supervision = Systems.supervision(system);
            List<ActorRef<Integer>> workers = new ArrayList<>();
            for (int i = 0; i < ACTORS; i++) {
                workers.add(system.spawn(ctx -> m -> handled.increment(), "w" + i));
            }
            for (int i = 0; i < SUBSCRIBERS; i++) {
                broker.subscribe("soak/" + (i % 10) + "/+", system.<Object>spawn(ctx -> m -> handled.increment(),
                        "s" + i));
            }
            record Echo(int n, ActorRef<Integer> replyTo) {
            }
            ActorRef<Echo> echo = system.spawn(ctx -> e -> {
                handled.increment();
                e.replyTo().tell(e.n());
            }, "echo");
            Supervisor dynamic = supervision.start(system, "churn",
                    SupervisorSpec.dynamic(ChildSpec.of("temp", ctx -> m -> handled.increment())
                            .withRestart(RestartType.TEMPORARY)));

            // Messages per second the producer may send; 0 = no limit. Set after calibration.
            AtomicLong targetRate = new AtomicLong();
            Thread producer = new Thread(() -> {
                long i = 0;
                long paceStart = 0;
                long pacedSent = 0;
                long pacedRate = 0;
                while (running.get()) {
                    if (sent.get() - handled.sum() > IN_FLIGHT) {
                        Thread.onSpinWait();
                        continue;
                    }
                    if ((i & 255) == 0) {
                        long rate = targetRate.get();
                        if (rate != pacedRate) {
                            pacedRate = rate;
                            paceStart = System.nanoTime();
                            pacedSent = sent.get();
                        }
                        if (rate > 0) {
                            long allowed = (long) ((System.nanoTime() - paceStart) / 1e9 * rate);
                            if (sent.get() - pacedSent > allowed) {
                                java.util.concurrent.locks.LockSupport.parkNanos(20_000);
                                continue;
                            }
                        }
                    }
                    i++;
                    if (i % 10 == 0) {
                        sent.addAndGet(broker.publish("soak/" + (i / 10 % 10) + "/" + (i & 1023), i));
                    } else {
                        workers.get((int) (i % ACTORS)).tell((int) i);
                        sent.incrementAndGet();
                    }
                    if (i % 10_000 == 0) {
                        int n = (int) i;
                        try {
                            int r = system.<Echo, Integer>ask(echo, reply -> new Echo(n, reply), Duration.ofSeconds(10))
                                    .toCompletableFuture().get(10, TimeUnit.SECONDS);
                            sent.incrementAndGet();
                            if (r != n) {
                                throw new IllegalStateException("ask answered " + r + " for " + n);
                            }
                            asks.incrementAndGet();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }, "soak-producer");
            Thread churner = new Thread(() -> {
                long lastSwap = System.nanoTime();
                boolean toJctools = true;
                while (running.get()) {
                    try {
                        ActorRef<?> child = dynamic.startChild().toCompletableFuture().get(10, TimeUnit.SECONDS);
                        Subscription s = broker.subscribe("churn/" + churn.get() + "/#", child);
                        s.cancel();
                        system.stop(child);
                        system.whenTerminated(child).toCompletableFuture().get(10, TimeUnit.SECONDS);
                        churn.incrementAndGet();
                        if (System.nanoTime() - lastSwap > TimeUnit.SECONDS.toNanos(10)) {
                            system.swapMailboxes(toJctools ? "jctools" : "builtin").toCompletableFuture()
                                    .get(30, TimeUnit.SECONDS);
                            toJctools = !toJctools;
                            lastSwap = System.nanoTime();
                        }
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }, "soak-churn");
            LatencyProbe probe = new LatencyProbe(system, running);
            producer.start();
            churner.start();
            probe.start();

            double calibrated = 0;
            if (fraction > 0) {
                long h0 = handled.sum();
                long t0 = System.nanoTime();
                Thread.sleep(TimeUnit.SECONDS.toMillis(CALIBRATION_SECONDS));
                calibrated = (handled.sum() - h0) / ((System.nanoTime() - t0) / 1e9);
                targetRate.set((long) (calibrated * fraction));
                System.out.printf(Locale.ROOT, "soak: calibrated %.2f M msg/s at full speed in %d s; holding %.0f%% = %.2f M msg/s%n",
                        calibrated / 1e6, CALIBRATION_SECONDS, fraction * 100, calibrated * fraction / 1e6);
                probe.take(); // calibration latencies are not reported
            }
            System.out.printf(Locale.ROOT, "soak: %d min, report every %d s, %d actors, %d subscribers, mailbox %s%n",
                    minutes, interval, ACTORS, SUBSCRIBERS, system.metrics().mailboxFactory());
            System.out.println(" min   msg/s (M)  asks/s  churn/s  heap after GC (MB)  live actors  gc ms  dead letters"
                    + "  ask p50 µs  p99 µs  max µs");
            List<Double> rates = new ArrayList<>();
            List<Double> heaps = new ArrayList<>();
            List<Report> reports = new ArrayList<>();
            long start = System.nanoTime();
            long lastHandled = handled.sum();
            long lastAsks = 0;
            long lastChurn = 0;
            long lastGc = gcMillis();
            long lastTime = start;
            int count = minutes * 60 / interval;
            for (int r = 1; r <= count; r++) {
                long due = start + TimeUnit.SECONDS.toNanos((long) r * interval);
                while (System.nanoTime() < due) {
                    Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime())));
                }
                if (!producer.isAlive() || !churner.isAlive() || !probe.isAlive()) {
                    throw new IllegalStateException("a load thread died; see its stack trace above");
                }
                long now = System.nanoTime();
                double secs = (now - lastTime) / 1e9;
                long h = handled.sum();
                long a = asks.get();
                long c = churn.get();
                long gc = gcMillis();
                System.gc();
                double heapMb = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1048576.0;
                SystemMetrics m = system.metrics();
                double rate = (h - lastHandled) / secs / 1e6;
                rates.add(rate);
                heaps.add(heapMb);
                long[] lat = probe.take();
                Report rep = new Report((now - start) / 6e10, rate, (a - lastAsks) / secs, (c - lastChurn) / secs,
                        heapMb, m.liveActors(), gc - lastGc, m.deadLetters(), LatencyProbe.percentile(lat, 0.50),
                        LatencyProbe.percentile(lat, 0.99), LatencyProbe.percentile(lat, 1.0));
                reports.add(rep);
                System.out.printf(Locale.ROOT, "%4.1f  %10.2f  %6.0f  %7.0f  %18.1f  %11d  %5d  %12d  %10.1f  %6.1f  %6.0f%n",
                        rep.minute(), rate, rep.asksPerSecond(), rep.churnPerSecond(), heapMb,
                        m.liveActors(), rep.gcMillis(), m.deadLetters(), rep.p50Micros(), rep.p99Micros(),
                        rep.maxMicros());
                lastHandled = h;
                lastAsks = a;
                lastChurn = c;
                lastGc = gcMillis();
                lastTime = System.nanoTime();
            }
            running.set(false);
            producer.join();
            churner.join();
            probe.join();
            summarize(rates, heaps);
            return new Result(calibrated / 1e6, targetRate.get() / 1e6, reports);
        }
    }

    private static long gcMillis() {
        long total = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            total += Math.max(0, gc.getCollectionTime());
        }
        return total;
    }

    /** Throughput spread and heap growth after the first report (warm-up). */
    private static void summarize(List<Double> rates, List<Double> heaps) {
        if (rates.size() < 3) {
            return;
        }
        List<Double> steady = new ArrayList<>(rates.subList(1, rates.size()));
        Collections.sort(steady);
        double median = steady.get(steady.size() / 2);
        double heapFirst = heaps.get(1);
        double heapLast = heaps.get(heaps.size() - 1);
        double heapMax = Collections.max(heaps.subList(1, heaps.size()));
        System.out.printf(Locale.ROOT, "throughput after warm-up: median %.2f M msg/s, min %.2f (%.0f%%), max %.2f (%.0f%%)%n",
                median, steady.get(0), 100 * steady.get(0) / median, steady.get(steady.size() - 1),
                100 * steady.get(steady.size() - 1) / median);
        System.out.printf(Locale.ROOT, "heap after GC: %.1f MB at report 2, %.1f MB at the end, max %.1f MB (%+.1f%%)%n",
                heapFirst, heapLast, heapMax, 100 * (heapLast - heapFirst) / heapFirst);
    }
}
