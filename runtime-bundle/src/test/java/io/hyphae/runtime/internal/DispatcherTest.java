package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.dispatch.Dispatcher;
import io.hyphae.api.dispatch.DispatcherFactory;
import io.hyphae.api.dispatch.DispatcherSettings;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Dispatchers as a plug-in point: choice, isolation of blocking actors, moves with nothing lost. */
class DispatcherTest extends SystemTestBase {

    @Test
    void builtinDispatchersAreListedAndAffinityIsTheDefault() {
        assertTrue(system.dispatchers().containsAll(List.of("affinity", "work-stealing", "blocking")),
                system.dispatchers().toString());
        assertEquals("affinity", system.defaultDispatcher());
    }

    @Test
    void unknownDispatcherNamesAreTypedErrors() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> system.<String>spawn(ctx -> m -> { }, SpawnOptions.defaults().withDispatcher("nope")));
        assertTrue(e.getMessage().contains("affinity"), e.getMessage());
        assertThrows(InvalidConfigurationException.class, () -> system.useDispatcher("nope"));
        assertEquals("affinity", system.defaultDispatcher());
    }

    @Test
    void pinnedActorsRunOnTheirDispatchersThreads() throws Exception {
        for (String d : system.dispatchers()) {
            AtomicReference<String> thread = new AtomicReference<>();
            CountDownLatch done = new CountDownLatch(1);
            ActorRef<String> ref = system.spawn(ctx -> m -> {
                thread.set(Thread.currentThread().toString());
                done.countDown();
            }, SpawnOptions.defaults().withDispatcher(d));
            ref.tell("where");
            assertTrue(done.await(5, TimeUnit.SECONDS), d);
            String expected = switch (d) {
                case "affinity" -> "-dispatcher-";
                case "work-stealing" -> "-stealing-";
                case "blocking" -> "-blocking-";
                default -> "VirtualThread";
            };
            assertTrue(thread.get().contains(expected), d + " ran on " + thread.get());
        }
    }

    /**
     * An actor that tells another and then blocks its thread: the other must still run, on
     * the other thread, although it sits in the blocked thread's hand-off slot. On both
     * dispatchers that have a slot.
     */
    @Test
    void anActorBlockingItsThreadDoesNotStrandWhatItScheduled() throws Exception {
        for (String d : List.of("affinity", "work-stealing")) {
            SpawnOptions on = SpawnOptions.defaults().withDispatcher(d);
            CountDownLatch release = new CountDownLatch(1);
            CountDownLatch answered = new CountDownLatch(1);
            ActorRef<String> friend = system.spawn(ctx -> m -> answered.countDown(), on);
            ActorRef<String> blocker = system.spawn(ctx -> m -> {
                // Long enough for the other thread to stop spinning and park.
                Thread.sleep(50);
                friend.tell("hello");
                release.await(30, TimeUnit.SECONDS);
            }, on);
            try {
                blocker.tell("go");
                assertTrue(answered.await(5, TimeUnit.SECONDS), d + ": the friend waited for the blocked thread");
            } finally {
                release.countDown();
            }
        }
    }

    /**
     * Relays on each dispatcher with a hand-off slot: turns of many messages that each tell
     * the next stage, so the slot is spilled to the deque or run queue mid-turn again and
     * again. Every message arrives once, in its sender's order, and no actor runs two turns
     * at once.
     */
    @ParameterizedTest
    @ValueSource(strings = {"affinity", "work-stealing"})
    void relayChainsKeepOrderWhenTheSlotIsSpilled(String dispatcher) throws Exception {
        int producers = 4;
        int perProducer = 1_000_000;
        int stages = 3;
        SpawnOptions on = SpawnOptions.defaults().withDispatcher(dispatcher);
        long[] next = new long[producers];
        AtomicInteger disorder = new AtomicInteger();
        AtomicInteger overlaps = new AtomicInteger();
        LongAdder arrived = new LongAdder();
        CountDownLatch done = new CountDownLatch(producers);
        List<ActorRef<Long>> chainHeads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            AtomicBoolean inTurn = new AtomicBoolean();
            ActorRef<Long> sink = system.<Long>spawn(ctx -> m -> {
                if (!inTurn.compareAndSet(false, true)) {
                    overlaps.incrementAndGet();
                }
                int producer = (int) (m >>> 40);
                long seq = m & ((1L << 40) - 1);
                if (seq != next[producer]) {
                    disorder.incrementAndGet();
                }
                next[producer] = seq + 1;
                arrived.increment();
                if (seq == perProducer - 1) {
                    done.countDown();
                }
                inTurn.set(false);
            }, on);
            ActorRef<Long> head = sink;
            for (int s = 0; s < stages; s++) {
                ActorRef<Long> to = head;
                AtomicBoolean busy = new AtomicBoolean();
                head = system.<Long>spawn(ctx -> m -> {
                    if (!busy.compareAndSet(false, true)) {
                        overlaps.incrementAndGet();
                    }
                    to.tell(m);
                    busy.set(false);
                }, on);
            }
            chainHeads.add(head);
        }
        ExecutorService senders = Executors.newFixedThreadPool(producers);
        try {
            for (int p = 0; p < producers; p++) {
                int producer = p;
                senders.execute(() -> {
                    ActorRef<Long> head = chainHeads.get(producer);
                    for (long i = 0; i < perProducer; i++) {
                        head.tell(((long) producer << 40) | i);
                    }
                });
            }
            assertTrue(done.await(60, TimeUnit.SECONDS), "every chain delivered its last message; arrived "
                    + arrived.sum());
        } finally {
            senders.shutdownNow();
        }
        Await.until("nothing more arrives", () -> arrived.sum() == (long) producers * perProducer);
        assertEquals((long) producers * perProducer, arrived.sum(), "nothing lost, nothing twice");
        assertEquals(0, disorder.get(), "each sender's order kept");
        assertEquals(0, overlaps.get(), "one turn at a time per actor");
    }

    /** Blocking actors on the blocking dispatcher block together while the default keeps going. */
    @Test
    void blockingActorsGetTheirOwnThreads() throws Exception {
        int blockers = 16;
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inside = new CountDownLatch(blockers);
        for (int i = 0; i < blockers; i++) {
            system.<String>spawn(ctx -> m -> {
                inside.countDown();
                release.await(30, TimeUnit.SECONDS);
            }, SpawnOptions.defaults().withDispatcher("blocking")).tell("block");
        }
        try {
            assertTrue(inside.await(10, TimeUnit.SECONDS), "all " + blockers + " block at once");
            ActorRef<String> echo = system.spawnAnonymous(ctx -> m -> { });
            for (int i = 0; i < 100; i++) {
                Await.until("echo answered", () -> system.ask(echo, r -> "x", Duration.ofSeconds(5)) != null);
            }
            CountDownLatch pong = new CountDownLatch(1);
            system.spawnAnonymous(ctx -> m -> pong.countDown()).tell("ping");
            assertTrue(pong.await(5, TimeUnit.SECONDS), "the default dispatcher kept running");
        } finally {
            release.countDown();
        }
    }

    /**
     * Senders stream to actors while the default dispatcher changes again and again: every
     * message arrives once, in each sender's order, one turn at a time per actor, and the
     * actors really ran on every dispatcher.
     */
    @Test
    void changingTheDefaultWhileActorsRunLosesNothing() throws Exception {
        int actors = 32;
        int producers = 3;
        int perProducer = 200_000;
        AtomicReference<String> violation = new AtomicReference<>();
        LongAdder total = new LongAdder();
        Set<String> threadKinds = ConcurrentHashMap.newKeySet();
        List<ActorRef<Long>> refs = new ArrayList<>();
        List<long[]> next = new ArrayList<>();
        for (int a = 0; a < actors; a++) {
            long[] expect = new long[producers];
            next.add(expect);
            AtomicBoolean inside = new AtomicBoolean();
            refs.add(system.spawnAnonymous(ctx -> m -> {
                if (inside.getAndSet(true)) {
                    violation.compareAndSet(null, "two threads inside one actor");
                }
                int p = (int) (m >>> 40);
                long seq = m & ((1L << 40) - 1);
                if (seq != expect[p]) {
                    violation.compareAndSet(null, "producer " + p + ": expected " + expect[p] + ", got " + seq);
                }
                expect[p] = seq + 1;
                String t = Thread.currentThread().getName();
                threadKinds.add(t.contains("-stealing-") ? "work-stealing" : t.contains("-blocking-") ? "blocking"
                        : "affinity");
                total.increment();
                inside.set(false);
            }));
        }
        List<Thread> threads = new ArrayList<>();
        long[][] sent = new long[producers][actors];
        for (int p = 0; p < producers; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                for (int i = 0; i < perProducer; i++) {
                    int a = (i * 7 + producer) % actors;
                    refs.get(a).tell(((long) producer << 40) | sent[producer][a]++);
                }
            });
            t.start();
            threads.add(t);
        }
        String[] cycle = {"work-stealing", "blocking", "affinity"};
        int flips = 0;
        while (threads.stream().anyMatch(Thread::isAlive) || flips < cycle.length * 3) {
            system.useDispatcher(cycle[flips++ % cycle.length]);
            Thread.sleep(2);
        }
        for (Thread t : threads) {
            t.join();
        }
        Await.progress("messages received", (long) producers * perProducer, Duration.ofSeconds(15), total::sum);
        assertNull(violation.get());
        for (int a = 0; a < actors; a++) {
            for (int p = 0; p < producers; p++) {
                assertEquals(sent[p][a], next.get(a)[p], "actor " + a + " producer " + p);
            }
        }
        assertEquals(Set.of("affinity", "work-stealing", "blocking"), threadKinds, "actors ran on every dispatcher");
        assertEquals(0, system.metrics().deadLetters());
    }

    /** Removing a plug-in factory moves its actors to the default; nothing queued on it is lost. */
    @Test
    void removingAPluginDispatcherMovesItsActors() throws Exception {
        PoolFactory plugin = new PoolFactory();
        RuntimeAdmin admin = (RuntimeAdmin) system;
        admin.addDispatcherFactory(plugin);
        assertTrue(system.dispatchers().contains("test-pool"));
        LongAdder got = new LongAdder();
        Set<String> where = ConcurrentHashMap.newKeySet();
        List<ActorRef<Integer>> refs = new ArrayList<>();
        for (int a = 0; a < 8; a++) {
            refs.add(system.spawn(ctx -> m -> {
                where.add(Thread.currentThread().getName().startsWith("test-pool") ? "plugin" : "other");
                got.increment();
            }, SpawnOptions.defaults().withDispatcher("test-pool")));
        }
        int n = 200_000;
        Thread sender = new Thread(() -> {
            for (int i = 0; i < n; i++) {
                refs.get(i % refs.size()).tell(i);
            }
        });
        sender.start();
        Await.until("the plug-in ran turns", () -> where.contains("plugin"));
        admin.removeDispatcherFactory(plugin);
        assertFalse(system.dispatchers().contains("test-pool"));
        sender.join();
        Await.progress("messages received", n, Duration.ofSeconds(15), got::sum);
        assertTrue(plugin.executor.isTerminated(), "the plug-in's threads ended");
        CountDownLatch after = new CountDownLatch(1);
        refs.get(0).tell(-1);
        system.spawnAnonymous(ctx -> m -> after.countDown()).tell(0);
        assertTrue(after.await(5, TimeUnit.SECONDS));
        Await.progress("the last message", n + 1, Duration.ofSeconds(5), got::sum);
        assertTrue(where.contains("other"), "actors moved off the plug-in");
    }

    /**
     * Fairness, on every dispatcher: with 1,000 actors kept busy (each message begets the
     * next) a message from outside still gets through, again and again (the benchmark
     * {@code ThroughputJmh.echoAmongBusy} reports the p99).
     */
    @Test
    void floodedActorsDoNotStarveAMessageFromOutside() throws Exception {
        for (String d : system.dispatchers()) {
            AtomicBoolean flooding = new AtomicBoolean(true);
            List<ActorRef<Integer>> busy = new ArrayList<>();
            SpawnOptions on = SpawnOptions.defaults().withDispatcher(d);
            for (int i = 0; i < 1_000; i++) {
                busy.add(system.spawn(ctx -> m -> {
                    if (flooding.get()) {
                        ctx.self().tell(m + 1);
                    }
                }, on));
            }
            busy.forEach(b -> b.tell(0));
            try {
                CountDownLatch[] answered = {null};
                ActorRef<String> echo = system.spawn(ctx -> m -> answered[0].countDown(), on);
                for (int i = 0; i < 200; i++) {
                    CountDownLatch latch = new CountDownLatch(1);
                    answered[0] = latch;
                    echo.tell("x");
                    assertTrue(latch.await(10, TimeUnit.SECONDS), d + ": message " + i + " starved");
                }
            } finally {
                flooding.set(false);
            }
            busy.forEach(system::stop);
        }
    }

    /** A plug-in dispatcher: a plain fixed pool, reached only through {@link Runnable}s. */
    static final class PoolFactory implements DispatcherFactory {
        final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "test-pool");
            t.setDaemon(true);
            return t;
        });

        @Override
        public String name() {
            return "test-pool";
        }

        @Override
        public Dispatcher create(DispatcherSettings settings) {
            return new BuiltinDispatchers.ExecutorDispatcher(executor, 2);
        }
    }

    /** The configured default applies from the start, and an unknown one falls back. */
    @Test
    void configuredDefaultIsUsed() {
        try (ActorSystem s = ActorSystem.builder().config(ActorSystemConfig.defaults().withName("configured")
                .withDispatcherThreads(2).withDispatcher("work-stealing")).build()) {
            assertEquals("work-stealing", s.defaultDispatcher());
        }
        try (ActorSystem s = ActorSystem.builder().config(ActorSystemConfig.defaults().withName("pending")
                .withDispatcherThreads(2).withDispatcher("not-deployed")).build()) {
            assertEquals("affinity", s.defaultDispatcher());
        }
    }
}
