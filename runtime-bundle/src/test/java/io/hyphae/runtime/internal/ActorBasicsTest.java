package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorNotFoundException;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.DuplicateActorNameException;
import io.hyphae.api.InvalidActorNameException;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.SystemTerminatedException;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.spi.DeadLetterSink;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ActorBasicsTest extends SystemTestBase {

    @Test
    void deliversMessagesInOrderPerSender() {
        List<Integer> got = new CopyOnWriteArrayList<>();
        ActorRef<Integer> ref = system.spawn(ctx -> got::add, "collector");
        for (int i = 0; i < 10_000; i++) {
            ref.tell(i);
        }
        Await.until("10000 messages", () -> got.size() == 10_000);
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, got.get(i));
        }
    }

    @Test
    void namedActorsAreFoundByPathInConstantTime() throws Exception {
        CompletableFuture<ActorRef<String>> child = new CompletableFuture<>();
        ActorRef<String> parent = system.spawn(ctx -> {
            child.complete(ctx.spawn(c -> m -> { }, "kid"));
            return m -> { };
        }, "parent");
        assertEquals("parent", parent.path());
        ActorRef<String> kid = child.get(5, TimeUnit.SECONDS);
        assertEquals("parent/kid", kid.path());
        assertSame(parent, system.find("parent").orElseThrow());
        assertSame(kid, system.lookup("parent/kid"));
        assertTrue(system.find("nobody").isEmpty());
        ActorNotFoundException e = assertThrows(ActorNotFoundException.class, () -> system.lookup("nobody"));
        assertTrue(e.getMessage().contains("nobody"));
    }

    @Test
    void duplicateLiveNameIsATypedErrorAndHarmsNothing() {
        AtomicInteger got = new AtomicInteger();
        ActorRef<String> first = system.spawn(ctx -> m -> got.incrementAndGet(), "unique");
        DuplicateActorNameException e = assertThrows(DuplicateActorNameException.class,
                () -> system.spawn(ctx -> m -> { }, "unique"));
        assertTrue(e.getMessage().contains("unique"));
        first.tell("still works");
        Await.until("first actor still receives", () -> got.get() == 1);
        assertSame(first, system.lookup("unique"));
    }

    @Test
    void nameIsFreeAgainAfterTheActorStopped() throws Exception {
        ActorRef<String> first = system.spawn(ctx -> m -> { }, "reused");
        system.stop(first);
        system.whenTerminated(first).toCompletableFuture().get(5, TimeUnit.SECONDS);
        ActorRef<String> second = system.spawn(ctx -> m -> { }, "reused");
        assertNotEquals(first, second);
        assertSame(second, system.lookup("reused"));
    }

    @Test
    void invalidNamesAreRejected() {
        for (String bad : new String[] {"", "a/b", "$gen", "with space", "x".repeat(256)}) {
            assertThrows(InvalidActorNameException.class, () -> system.spawn(ctx -> m -> { }, bad), bad);
        }
        assertThrows(NullPointerException.class, () -> system.spawn(ctx -> m -> { }, (String) null));
    }

    @Test
    void nullMessageIsRejectedAtTheBoundary() {
        AtomicInteger got = new AtomicInteger();
        ActorRef<String> ref = system.spawnAnonymous(ctx -> m -> got.incrementAndGet());
        NullPointerException e = assertThrows(NullPointerException.class, () -> ref.tell(null));
        assertTrue(e.getMessage().contains("message must not be null"));
        ref.tell("ok");
        Await.until("the actor still works", () -> got.get() == 1);
    }

    @Test
    void badOptionsAreTypedErrors() {
        assertThrows(InvalidConfigurationException.class, () -> MailboxSpec.bounded(0, io.hyphae.api.mailbox.Overflow.REJECT));
        assertThrows(InvalidConfigurationException.class, () -> MailboxSpec.bounded(-5, io.hyphae.api.mailbox.Overflow.DROP_NEWEST));
        assertThrows(InvalidConfigurationException.class, () -> MailboxSpec.blocking(10, Duration.ZERO));
        assertThrows(InvalidConfigurationException.class, () -> SpawnOptions.defaults().withThroughput(0));
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> system.spawn(ctx -> m -> { }, SpawnOptions.defaults().withMailboxFactory("nope")));
        assertTrue(e.getMessage().contains("nope") && e.getMessage().contains("builtin"), e.getMessage());
    }

    @Test
    void unknownRefsAreRejected() {
        ActorRef<String> foreign = new ActorRef<>() {
            @Override
            public void tell(String message) {
            }

            @Override
            public String name() {
                return "forged";
            }

            @Override
            public String path() {
                return "forged";
            }
        };
        assertThrows(IllegalArgumentException.class, () -> system.stop(foreign));
        assertThrows(IllegalArgumentException.class, () -> system.whenTerminated(foreign));
        assertThrows(NullPointerException.class, () -> system.stop(null));
    }

    @Test
    void tellToAStoppedActorBecomesADeadLetter() throws Exception {
        ActorRef<String> ref = system.spawnAnonymous(ctx -> m -> { });
        system.stop(ref);
        system.whenTerminated(ref).toCompletableFuture().get(5, TimeUnit.SECONDS);
        long before = system.metrics().deadLetters();
        ref.tell("late");
        assertEquals(before + 1, system.metrics().deadLetters());
        Await.until("dead letter observed", () -> deadLetters.stream()
                .anyMatch(d -> d.message().equals("late") && d.reason() == DeadLetter.Reason.RECIPIENT_TERMINATED
                        && d.recipient() == ref));
    }

    @Test
    void deadLettersRecordedByARouterAreCountedAndDelivered() {
        ActorRef<String> ref = system.spawnAnonymous(ctx -> m -> { });
        long before = system.metrics().deadLetters();
        system.unwrap(DeadLetterSink.class).deadLetter("unrouted", ref, DeadLetter.Reason.NO_SUBSCRIBER);
        assertEquals(before + 1, system.metrics().deadLetters());
        Await.until("dead letter observed", () -> deadLetters.stream()
                .anyMatch(d -> d.message().equals("unrouted") && d.reason() == DeadLetter.Reason.NO_SUBSCRIBER
                        && d.recipient() == ref));
        assertThrows(NullPointerException.class, () -> system.unwrap(DeadLetterSink.class).deadLetter(null, ref, DeadLetter.Reason.NO_SUBSCRIBER));
        assertThrows(NullPointerException.class, () -> system.unwrap(DeadLetterSink.class).deadLetter("x", null, DeadLetter.Reason.NO_SUBSCRIBER));
        assertThrows(NullPointerException.class, () -> system.unwrap(DeadLetterSink.class).deadLetter("x", ref, null));
        assertEquals(before + 1, system.metrics().deadLetters());
    }

    @Test
    void spawnAfterTerminateIsATypedError() throws Exception {
        ActorSystem other = ActorSystem.builder().name("short-lived").dispatcherThreads(1).build();
        other.terminate();
        assertTrue(other.awaitTermination(Duration.ofSeconds(10)));
        assertThrows(SystemTerminatedException.class, () -> other.spawnAnonymous(ctx -> m -> { }));
    }

    @Test
    void oneMessageAtATimeEvenUnderConcurrentSenders() throws Exception {
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        ActorRef<Integer> ref = system.spawnAnonymous(ctx -> m -> {
            if (inside.incrementAndGet() != 1) {
                overlaps.incrementAndGet();
            }
            handled.incrementAndGet();
            inside.decrementAndGet();
        });
        List<Thread> senders = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            Thread th = new Thread(() -> {
                for (int i = 0; i < 50_000; i++) {
                    ref.tell(i);
                }
            });
            th.start();
            senders.add(th);
        }
        for (Thread th : senders) {
            th.join();
        }
        Await.until("all handled", () -> handled.get() == 200_000);
        assertEquals(0, overlaps.get());
    }

    @Test
    void metricsCountMessagesAndDepth() {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        AtomicInteger handled = new AtomicInteger();
        ActorRef<String> ref = system.spawn(ctx -> m -> {
            gate.join();
            handled.incrementAndGet();
        }, "metered");
        try {
            for (int i = 0; i < 10; i++) {
                ref.tell("m" + i);
            }
            Await.until("all ten counted", () -> system.metrics(ref).orElseThrow().received() == 10);
            assertEquals(10, system.metrics(ref).orElseThrow().mailboxDepth(), "one in hand, nine queued");
        } finally {
            gate.complete(null);
        }
        Await.until("processed 10", () -> system.metrics(ref).orElseThrow().processed() == 10);
        var m = system.metrics(ref).orElseThrow();
        assertEquals(0, m.mailboxDepth());
        assertEquals(10, m.received());
        assertEquals("builtin", m.mailbox());
        assertTrue(system.metrics().processed() >= 10);
        assertTrue(system.metrics().liveActors() >= 2);
        assertEquals(2, system.metrics().dispatcherThreads());
    }

    @Test
    void contextRefusesToStopStrangers() throws Exception {
        ActorRef<String> stranger = system.spawnAnonymous(ctx -> m -> { });
        CompletableFuture<Throwable> error = new CompletableFuture<>();
        ActorRef<String> ref = system.spawnAnonymous((ActorContext<String> ctx) -> m -> {
            try {
                ctx.stop(stranger);
                error.complete(null);
            } catch (IllegalArgumentException e) {
                error.complete(e);
            }
        });
        ref.tell("go");
        assertTrue(error.get(5, TimeUnit.SECONDS) instanceof IllegalArgumentException);
        assertFalse(system.metrics(stranger).isEmpty(), "stranger must still be alive");
    }
}
