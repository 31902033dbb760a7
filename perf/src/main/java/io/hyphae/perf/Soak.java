package io.hyphae.perf;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.SystemMetrics;
import io.hyphae.api.Subscription;
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
 * gives the messages handled per second in that interval and the heap used right after a
 * full collection, so a leak shows as a heap that keeps growing. The producer keeps at
 * most 100,000 messages in flight, so queues cannot grow without bound.
 *
 * <pre>java -cp perf/target/benchmarks.jar io.hyphae.perf.Soak [minutes] [interval-seconds]</pre>
 */
public final class Soak {

    private static final int ACTORS = 1_000;
    private static final int SUBSCRIBERS = 100;
    private static final long IN_FLIGHT = 100_000;

    private Soak() {
    }

    /**
     * Runs the soak.
     *
     * @param args minutes (default 15) and seconds per report (default 60)
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int minutes = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        int interval = args.length > 1 ? Integer.parseInt(args[1]) : 60;
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

            Thread producer = new Thread(() -> {
                long i = 0;
                while (running.get()) {
                    if (sent.get() - handled.sum() > IN_FLIGHT) {
                        Thread.onSpinWait();
                        continue;
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
            producer.start();
            churner.start();

            System.out.printf(Locale.ROOT, "soak: %d min, report every %d s, %d actors, %d subscribers, mailbox %s%n",
                    minutes, interval, ACTORS, SUBSCRIBERS, system.metrics().mailboxFactory());
            System.out.println(" min   msg/s (M)  asks/s  churn/s  heap after GC (MB)  live actors  gc ms  dead letters");
            List<Double> rates = new ArrayList<>();
            List<Double> heaps = new ArrayList<>();
            long start = System.nanoTime();
            long lastHandled = handled.sum();
            long lastAsks = 0;
            long lastChurn = 0;
            long lastGc = gcMillis();
            long lastTime = start;
            int reports = minutes * 60 / interval;
            for (int r = 1; r <= reports; r++) {
                long due = start + TimeUnit.SECONDS.toNanos((long) r * interval);
                while (System.nanoTime() < due) {
                    Thread.sleep(Math.max(1, TimeUnit.NANOSECONDS.toMillis(due - System.nanoTime())));
                }
                if (!producer.isAlive() || !churner.isAlive()) {
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
                System.out.printf(Locale.ROOT, "%4.1f  %10.2f  %6.0f  %7.0f  %18.1f  %11d  %5d  %12d%n",
                        (now - start) / 6e10, rate, (a - lastAsks) / secs, (c - lastChurn) / secs, heapMb,
                        m.liveActors(), gc - lastGc, m.deadLetters());
                lastHandled = h;
                lastAsks = a;
                lastChurn = c;
                lastGc = gcMillis();
                lastTime = System.nanoTime();
            }
            running.set(false);
            producer.join();
            churner.join();
            summarize(rates, heaps);
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
