package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.SystemTerminatedException;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import io.hyphae.api.SpawnOptions;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TerminationTest {

    private static Set<String> hyphaeThreads(String systemName) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(Thread::isAlive)
                .map(Thread::getName)
                .filter(n -> n.startsWith("hyphae-" + systemName + "-"))
                .collect(Collectors.toSet());
    }

    /** An actor that does nothing but record its stop. */
    private static Actor<String> recordingStop(List<String> stops, String id) {
        return new Actor<String>() {
            @Override
            public void receive(String m) {
            }

            @Override
            public void onStop() {
                stops.add(id);
            }
        };
    }

    private static ActorSystem newSystem(String name) {
        return ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName(name).withDispatcherThreads(2))
                .build();
    }

    @Test
    void terminateStopsChildrenFirstRunsHooksAndEndsEveryThread() throws Exception {
        ActorSystem system = newSystem("leakcheck");
        // Start every dispatcher's threads, so the end below covers them all.
        for (String d : system.dispatchers()) {
            CountDownLatch ran = new CountDownLatch(1);
            system.<String>spawn(ctx -> m -> ran.countDown(), SpawnOptions.defaults().withDispatcher(d)).tell("run");
            assertTrue(ran.await(5, TimeUnit.SECONDS), d);
        }
        for (String kind : List.of("-dispatcher-", "-stealing-", "-blocking-")) {
            assertTrue(hyphaeThreads("leakcheck").stream().anyMatch(n -> n.contains(kind)), kind);
        }
        List<String> stops = new CopyOnWriteArrayList<>();
        AtomicInteger started = new AtomicInteger();
        for (int i = 0; i < 3; i++) {
            String top = "top" + i;
            system.<String>spawn(ctx -> {
                for (int c = 0; c < 3; c++) {
                    String child = top + "/c" + c;
                    ctx.<String>spawn(cc -> {
                        cc.timers().startPeriodicTimer("tick", "tick", Duration.ofMillis(1));
                        started.incrementAndGet();
                        return recordingStop(stops, child);
                    }, "c" + c);
                }
                started.incrementAndGet();
                return recordingStop(stops, top);
            }, top);
        }
        Await.until("all started", () -> started.get() == 12);
        assertTrue(hyphaeThreads("leakcheck").contains("hyphae-leakcheck-timer"), "timers started the timer thread");
        system.terminate();
        assertTrue(system.awaitTermination(Duration.ofSeconds(10)));
        assertEquals(12, stops.size());
        for (int i = 0; i < 3; i++) {
            int parentAt = stops.indexOf("top" + i);
            for (int c = 0; c < 3; c++) {
                assertTrue(stops.indexOf("top" + i + "/c" + c) < parentAt, "children stop before their parent");
            }
        }
        Await.until(Duration.ofSeconds(10), () -> "threads to end: " + hyphaeThreads("leakcheck"),
                () -> hyphaeThreads("leakcheck").isEmpty());
        assertEquals(0, system.metrics().liveActors());
    }

    @Test
    void queuedMessagesAreDrainedAtTerminationAndLaterTellsDeadLettered() throws Exception {
        ActorSystem system = newSystem("drain");
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AtomicInteger handled = new AtomicInteger();
        java.util.concurrent.CountDownLatch entered = new java.util.concurrent.CountDownLatch(1);
        ActorRef<Integer> slow = system.spawn(ctx -> m -> {
            entered.countDown();
            gate.join();
            handled.incrementAndGet();
        }, "slow");
        for (int i = 0; i < 100; i++) {
            slow.tell(i);
        }
        assertTrue(entered.await(10, TimeUnit.SECONDS));
        system.terminate();
        gate.complete(null);
        assertTrue(system.awaitTermination(Duration.ofSeconds(10)));
        assertEquals(100, handled.get(), "the drain phase handles what was queued");
        assertEquals(0, system.metrics().deadLetters());
        slow.tell(1000);
        assertEquals(1, system.metrics().deadLetters(), "a tell after termination is a dead letter");
    }

    @Test
    void terminateIsIdempotentAndRefusesNewActors() throws Exception {
        ActorSystem system = newSystem("idem");
        system.spawnAnonymous(ctx -> m -> { });
        var first = system.terminate();
        var second = system.terminate();
        first.toCompletableFuture().get(10, TimeUnit.SECONDS);
        second.toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertThrows(SystemTerminatedException.class, () -> system.spawn(ctx -> m -> { }, "late"));
        assertTrue(system.awaitTermination(Duration.ofSeconds(1)));
    }

    @Test
    void terminateFromInsideAnActorWorks() throws Exception {
        ActorSystem system = newSystem("inside");
        ActorRef<String> ref = system.spawnAnonymous(ctx -> m -> ctx.system().terminate());
        ref.tell("bye");
        assertTrue(system.awaitTermination(Duration.ofSeconds(10)));
    }
}
