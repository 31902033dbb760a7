package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.SystemTerminatedException;
import io.hyphae.api.Upgrade;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Upgrades racing the system's termination (in a container: a bundle update while the
 * runtime bundle stops): every upgrade completes, either done or failed with
 * {@link SystemTerminatedException}, and every message sent is handled or dead-lettered.
 */
class UpgradeDuringTerminationTest {

    private static final int ROUNDS = 30;

    @Test
    void upgradesRacingTerminationCompleteTypedAndLoseNoMessage() throws Exception {
        int upgraded = 0;
        int refused = 0;
        for (int round = 0; round < ROUNDS; round++) {
            AtomicLong handled = new AtomicLong();
            ActorSystem system = ActorSystem.builder()
                    .config(ActorSystemConfig.defaults().withName("race-" + round).withDispatcherThreads(2)).build();
            ActorFactory<Object> code = ctx -> (Actor<Object>) m -> handled.incrementAndGet();
            ActorRef<Object> ref = system.spawn(code, "target");
            long[] sent = new long[1];
            Thread producer = new Thread(() -> {
                for (int i = 0; i < 200_000; i++) {
                    ref.tell(i);
                    sent[0]++;
                }
            });
            producer.start();
            List<CompletableFuture<Upgrade>> stages = new ArrayList<>();
            Thread closer = new Thread(system::close);
            for (int i = 0; i < 200; i++) {
                if (i == 20 + round) {
                    closer.start();
                }
                stages.add(system.upgrade(ref, code, "v" + i).toCompletableFuture());
            }
            closer.join(10_000);
            producer.join(10_000);
            assertTrue(system.awaitTermination(Duration.ofSeconds(10)), "round " + round + ": terminated");
            for (CompletableFuture<Upgrade> s : stages) {
                try {
                    s.get(5, TimeUnit.SECONDS);
                    upgraded++;
                } catch (ExecutionException e) {
                    assertInstanceOf(SystemTerminatedException.class, e.getCause(), "round " + round);
                    refused++;
                }
            }
            long dead = ((RuntimeAdmin) system).deadLettersByReason().get(DeadLetter.Reason.RECIPIENT_TERMINATED);
            assertEquals(sent[0], handled.get() + dead, "round " + round + ": every message handled or dead-lettered");
        }
        assertTrue(upgraded > 0 && refused > 0, "both outcomes occurred: " + upgraded + " upgraded, " + refused
                + " refused");
    }
}
