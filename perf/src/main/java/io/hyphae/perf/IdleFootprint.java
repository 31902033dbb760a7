package io.hyphae.perf;

import io.hyphae.api.ActorSystem;
import io.hyphae.perf.workload.ActorWorkloads;
import java.util.Arrays;
import java.util.Locale;

/**
 * Heap bytes per idle actor, with the {@code idleActor} workload of {@code hyphae:perf}
 * ({@link ActorWorkloads.IdleBytes}): spawns N started, idle actors and compares the live
 * heap after full collections before and after. The actor instance is a stateless lambda,
 * so the figure is the runtime's own cost per actor (cell, context, empty mailbox, links).
 * Actors here pin no mailbox factory, as most actors do not. A third line gives the same
 * for actors that have each handled one message, whose mailbox then holds its first array.
 *
 * <pre>java -cp perf/target/benchmarks.jar io.hyphae.perf.IdleFootprint 100000 1000000</pre>
 */
public final class IdleFootprint {

    private static final int WARM_UP = 1_000;

    private IdleFootprint() {
    }

    /**
     * Runs the probe.
     *
     * @param args actor counts; default 10^5 and 10^6
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int[] counts = args.length == 0 ? new int[] {100_000, 1_000_000}
                : Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int n : counts) {
            measure(n, false, false);
            measure(n, true, false);
            measure(n, false, true);
        }
    }

    private static void measure(int n, boolean named, boolean messaged) throws Exception {
        ActorSystem system = Systems.create("footprint", 2);
        try {
            // Warm the spawn path so class loading is not counted.
            new ActorWorkloads.IdleBytes(system, null, WARM_UP, named, messaged).invoke();
            double perActor = new ActorWorkloads.IdleBytes(system, null, n, named, messaged).invoke();
            System.out.printf(Locale.ROOT, "idle actors: %,d %s%s -> %.1f bytes per actor%n",
                    n, named ? "named" : "anonymous", messaged ? ", after one message" : "", perActor);
        } finally {
            system.close();
        }
    }
}
