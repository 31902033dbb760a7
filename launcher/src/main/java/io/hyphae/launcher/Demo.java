package io.hyphae.launcher;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.example.Tour;
import java.time.Duration;

/**
 * The Hyphae tour on the module path, without OSGi: the runtime, broker and supervisor are
 * found with {@link java.util.ServiceLoader}, as any application would find them. Exits with
 * status 1 if a check fails.
 */
public final class Demo {

    private Demo() {
    }

    /**
     * Runs the tour.
     *
     * @param args ignored
     * @throws Exception if the tour cannot run
     */
    public static void main(String[] args) throws Exception {
        int failed = 0;
        ActorSystem system = ActorSystem.builder().name("demo").build();
        try {
            failed = Tour.run(system, MessageBroker.builder(system).build(), Supervision.load(), System.out);
        } finally {
            system.terminate();
            if (!system.awaitTermination(Duration.ofSeconds(10))) {
                System.out.println("the system did not terminate within 10 s");
                failed++;
            }
        }
        System.exit(failed == 0 ? 0 : 1);
    }
}
