package io.hyphae.perf;

import io.hyphae.perf.workload.Heap;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * {@link IdleFootprint} on Pekko typed: heap per idle actor, measured the same way (least
 * heap used after four collections, before and after the actors started). The actors are
 * anonymous children of one parent, Pekko typed's usual shape.
 *
 * <pre>java -cp perf/target/benchmarks.jar io.hyphae.perf.PekkoFootprint [counts...]</pre>
 */
public final class PekkoFootprint {

    private static final LongAdder STARTED = new LongAdder();

    /** One behaviour instance for every actor, as with Hyphae's shared factory. */
    private static final Behavior<Object> IDLE = Behaviors.setup(ctx -> {
        STARTED.increment();
        return Behaviors.ignore();
    });

    private PekkoFootprint() {
    }

    /**
     * Runs the probe.
     *
     * @param args actor counts; default 10^4, 10^5 and 10^6
     * @throws Exception on failure
     */
    public static void main(String[] args) throws Exception {
        int[] counts = args.length == 0 ? new int[] {10_000, 100_000, 1_000_000}
                : java.util.Arrays.stream(args).mapToInt(Integer::parseInt).toArray();
        for (int n : counts) {
            measure(n);
        }
    }

    private static void measure(int n) throws Exception {
        ActorSystem<Void> system = PekkoPeer.create("footprint", 2);
        try {
            ActorRef<Integer> parent = system.systemActorOf(Behaviors.<Integer>setup(ctx -> Behaviors.receiveMessage(k -> {
                for (int i = 0; i < k; i++) {
                    ctx.spawnAnonymous(IDLE);
                }
                return Behaviors.same();
            })), "parent", Props.empty());
            // Warm the spawn path so class loading is not counted.
            parent.tell(1000);
            while (STARTED.sum() < 1000) {
                Thread.sleep(1);
            }
            long before = Heap.live();
            STARTED.reset();
            parent.tell(n);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (STARTED.sum() < n) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("actors did not start");
                }
                Thread.sleep(10);
            }
            long after = Heap.live();
            System.out.printf(Locale.ROOT, "pekko idle actors: %,d anonymous -> %.1f bytes per actor (heap %+,d bytes)%n",
                    n, (after - before) / (double) n, after - before);
        } finally {
            PekkoPeer.terminate(system);
        }
    }
}
