package io.hyphae.launcher.itproducer;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Packaged at test time as a bundle of its own: a producer that shares nothing with the
 * actors it feeds but the API. Four threads each tell "it-up/tally-0" and "it-up/tally-1"
 * sequenced messages ({@code sender << 40 | sequence}, one sequence per sender and actor),
 * paced to {@value #RATE} messages per second in all. It registers a
 * {@code Function<String, long[]>} ({@code hyphae.it=producer}): "count" gives the messages
 * sent to each actor so far, "stop" stops the threads first.
 */
public final class ProducerActivator implements BundleActivator {

    /** Messages per second, all threads together. */
    static final long RATE = 400_000;
    static final int THREADS = 4;
    private static final long BATCH = 100;

    private final AtomicLongArray sent = new AtomicLongArray(2);
    private volatile boolean running = true;
    private final Thread[] threads = new Thread[THREADS];

    /** For the framework. */
    public ProducerActivator() {
    }

    @Override
    public void start(BundleContext context) {
        ServiceReference<ActorSystem> ref = context.getServiceReference(ActorSystem.class);
        ActorSystem system = context.getService(ref);
        for (int t = 0; t < THREADS; t++) {
            int sender = t;
            threads[t] = new Thread(() -> produce(system, sender), "it-producer-" + t);
            threads[t].start();
        }
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("hyphae.it", "producer");
        Function<String, long[]> control = command -> {
            if ("stop".equals(command)) {
                halt();
            }
            return new long[] {sent.get(0), sent.get(1)};
        };
        context.registerService(Function.class, control, props);
    }

    private void produce(ActorSystem system, int sender) {
        ActorRef<Object>[] targets = refs(system);
        if (targets[0] == null || targets[1] == null) {
            return;
        }
        long[] seq = new long[2];
        long gapNanos = TimeUnit.SECONDS.toNanos(1) * BATCH / (RATE / THREADS);
        long due = System.nanoTime();
        while (running) {
            for (int i = 0; i < BATCH; i++) {
                int target = i & 1;
                targets[target].tell(Long.valueOf((long) sender << 40 | seq[target]++));
                sent.incrementAndGet(target);
            }
            due += gapNanos;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private ActorRef<Object>[] refs(ActorSystem system) {
        ActorRef<Object>[] out = new ActorRef[2];
        for (int i = 0; i < 2; i++) {
            Optional<ActorRef<Object>> r;
            while ((r = system.find("it-up/tally-" + i)).isEmpty() && running) {
                LockSupport.parkNanos(1_000_000);
            }
            out[i] = r.orElse(null);
        }
        return out;
    }

    private void halt() {
        running = false;
        for (Thread t : threads) {
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public void stop(BundleContext context) {
        halt();
    }
}
