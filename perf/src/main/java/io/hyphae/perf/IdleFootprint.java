package io.hyphae.perf;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.SpawnOptions;
import io.hyphae.perf.suite.Heap;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * Heap bytes per idle actor: spawns N started, idle actors and compares the live heap
 * after full collections before and after. The actor instance is a stateless lambda, so
 * the figure is the runtime's own cost per actor (cell, context, empty mailbox, links).
 * The refs are kept in an array, whose 4 bytes per actor are subtracted.
 *
 * <pre>java -cp perf/target/benchmarks.jar io.hyphae.perf.IdleFootprint 100000 1000000</pre>
 */
public final class IdleFootprint {

    private IdleFootprint() {
    }

    private static final java.util.concurrent.atomic.LongAdder STARTED = new java.util.concurrent.atomic.LongAdder();

    /** Non-capturing, so one factory instance serves every actor, as a real factory would. */
    private static final io.hyphae.api.ActorFactory<Object> IDLE = ctx -> {
        STARTED.increment();
        return m -> { };
    };

    /**
     * Runs the probe.
     *
     * @param args actor counts; default 10^5 and 10^6
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int[] counts = args.length == 0 ? new int[] {100_000, 1_000_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int n : counts) {
            measure(n, false);
            measure(n, true);
        }
    }

    private static void measure(int n, boolean named) throws Exception {
        ActorSystem system = Systems.create("footprint", 2);
        try {
            // Warm the spawn path so class loading is not counted.
            for (int i = 0; i < 1000; i++) {
                system.stop(system.spawnAnonymous(IDLE));
            }
            while (STARTED.sum() < 1000) {
                Thread.sleep(1);
            }
            STARTED.reset();
            List<ActorRef<Object>> refs = new ArrayList<>(n);
            long before = Heap.live();
            for (int i = 0; i < n; i++) {
                refs.add(system.spawn(IDLE, named ? SpawnOptions.named("a" + i) : SpawnOptions.defaults()));
            }
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (STARTED.sum() < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("actors did not start");
                }
                Thread.sleep(10);
            }
            long after = Heap.live();
            double perActor = (after - before) / (double) n - 4.0;
            System.out.printf(Locale.ROOT, "idle actors: %,d %s -> %.1f bytes per actor (heap %+,d bytes)%n",
                    n, named ? "named" : "anonymous", perActor, after - before);
            if (refs.size() != n) {
                throw new IllegalStateException();
            }
        } finally {
            system.close();
        }
    }
}
