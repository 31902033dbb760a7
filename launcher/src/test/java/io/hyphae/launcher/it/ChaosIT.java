package io.hyphae.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Chaos with an accountant, on the module's class path (runtime, broker, supervisor and
 * JCTools mailboxes found with ServiceLoader). Two senders tell workers directly and
 * publish to their topics while a chaos thread injects failures, swaps every mailbox
 * between the two factories, switches the topic index and terminates and restarts
 * supervised workers. Every message gets an id; the accountant expects one outcome per
 * delivery (processed, failed in its handler, or a dead letter with a reason) and checks,
 * per id, that nothing is unaccounted and nothing counted twice.
 *
 * <p>{@code -Dhyphae.chaos.seconds=N} sets the length (default 20; the {@code chaos}
 * profile runs 600); {@code -Dhyphae.chaos.dispatcher=NAME} the default dispatcher
 * (default {@code affinity}); {@code -Dhyphae.chaos.strategy=NAME} the workers'
 * supervisor's {@link Strategy} (default {@code ONE_FOR_ONE}).
 */
class ChaosIT {

    private static final int WORKERS = 8;
    /** Ids are counted in slots modulo this; a long run reuses slots, adding up per slot. */
    private static final int SLOTS = 8_000_000;
    /** Senders pause while this many messages have no outcome yet. */
    private static final int IN_FLIGHT = 50_000;

    record Msg(int id) {
    }

    private final AtomicIntegerArray expected = new AtomicIntegerArray(SLOTS);
    private final AtomicIntegerArray outcomes = new AtomicIntegerArray(SLOTS);
    private final LongAdder expectedTotal = new LongAdder();
    private final LongAdder outcomeTotal = new LongAdder();
    private final LongAdder processed = new LongAdder();
    private final LongAdder failed = new LongAdder();
    private final Map<DeadLetter.Reason, LongAdder> dead = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final AtomicReference<Throwable> problem = new AtomicReference<>();

    private void outcome(int id) {
        outcomes.incrementAndGet(id % SLOTS);
        outcomeTotal.increment();
    }

    @Test
    void everyMessageIsAccountedForOnceUnderChaos() throws Exception {
        long seconds = Long.getLong("hyphae.chaos.seconds", 20);
        String dispatcher = System.getProperty("hyphae.chaos.dispatcher", "affinity");
        ActorSystem system = ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName("chaos").withDispatcherThreads(2)
                        .withDispatcher(dispatcher))
                .build();
        try {
            MessageBroker broker = MessageBroker.builder(system).build();
            Supervision supervision = Supervision.load();
            system.subscribeDeadLetters(system.spawn(ctx -> letter -> {
                if (letter.message() instanceof Msg m) {
                    dead.computeIfAbsent(letter.reason(), r -> new LongAdder()).increment();
                    outcome(m.id());
                }
            }, "accountant"));
            Strategy strategy = Strategy.valueOf(System.getProperty("hyphae.chaos.strategy", "ONE_FOR_ONE"));
            SupervisorSpec spec = SupervisorSpec.of(strategy).withIntensity(1_000_000, Duration.ofSeconds(1));
            ActorFactory<Msg> worker = ctx -> m -> {
                if (m.id() % 1_009 == 0) {
                    failed.increment();
                    outcome(m.id());
                    throw new IllegalStateException("injected failure for " + m.id());
                }
                processed.increment();
                outcome(m.id());
            };
            for (int i = 0; i < WORKERS; i++) {
                spec = spec.withChild(ChildSpec.of("w" + i, worker)
                        .withOptions(SpawnOptions.defaults().withFailureLogging(false)));
            }
            Supervisor sup = supervision.start(system, "workers", spec);
            sup.whichChildren().toCompletableFuture().get(10, TimeUnit.SECONDS);
            for (int i = 0; i < WORKERS; i++) {
                broker.subscribe("work/" + i, system.lookup("workers/w" + i));
            }

            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
            Thread[] senders = new Thread[2];
            for (int s = 0; s < senders.length; s++) {
                boolean publish = s == 1;
                senders[s] = new Thread(() -> send(system, broker, publish, end), "sender-" + s);
                senders[s].start();
            }
            long chaosOps = chaos(system, broker, sup, end);
            for (Thread t : senders) {
                t.join();
            }
            if (problem.get() != null) {
                throw new AssertionError("a sender failed", problem.get());
            }
            // Quiesce: every delivery must come to an outcome, with progress.
            long last = -1;
            long lastChange = System.nanoTime();
            while (outcomeTotal.sum() < expectedTotal.sum()) {
                long now = outcomeTotal.sum();
                if (now != last) {
                    last = now;
                    lastChange = System.nanoTime();
                } else if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(15)) {
                    break;
                }
                Thread.onSpinWait();
                TimeUnit.MILLISECONDS.sleep(5);
            }
            long sent = ids.get();
            int lost = 0;
            int duplicated = 0;
            StringBuilder examples = new StringBuilder();
            for (int id = 0; id < Math.min(sent, SLOTS); id++) {
                int want = expected.get(id);
                int got = outcomes.get(id);
                if (got < want) {
                    lost++;
                } else if (got > want) {
                    duplicated++;
                }
                if (got != want && examples.length() < 300) {
                    examples.append(" #").append(id).append(": expected ").append(want).append(" got ").append(got);
                }
            }
            Map<DeadLetter.Reason, Long> byReason = new EnumMap<>(DeadLetter.Reason.class);
            dead.forEach((r, n) -> byReason.put(r, n.sum()));
            String summary = String.format("%s, %s, %d s, %d messages, %d deliveries: %d processed, %d failed, dead letters %s;"
                    + " %d chaos operations", dispatcher, strategy, seconds, sent, expectedTotal.sum(),
                    processed.sum(), failed.sum(), byReason, chaosOps);
            System.out.println("chaos: " + summary);
            assertEquals(0, lost, "unaccounted deliveries (" + summary + "):" + examples);
            assertEquals(0, duplicated, "deliveries counted twice (" + summary + "):" + examples);
            assertEquals(expectedTotal.sum(), outcomeTotal.sum(), summary);
            assertTrue(processed.sum() > 0 && failed.sum() > 0 && chaosOps > 0, summary);
        } finally {
            system.terminate();
            system.awaitTermination(Duration.ofSeconds(30));
        }
    }

    private void send(ActorSystem system, MessageBroker broker, boolean publish, long end) {
        SplittableRandom random = new SplittableRandom(publish ? 1 : 2);
        try {
            while (System.nanoTime() < end) {
                while (expectedTotal.sum() - outcomeTotal.sum() > IN_FLIGHT && System.nanoTime() < end) {
                    Thread.onSpinWait();
                }
                for (int i = 0; i < 256; i++) {
                    int id = (int) (ids.getAndIncrement() & Integer.MAX_VALUE);
                    int worker = random.nextInt(WORKERS);
                    int deliveries;
                    if (publish) {
                        // No match is one NO_SUBSCRIBER dead letter; n matches are n deliveries.
                        deliveries = Math.max(1, broker.publish("work/" + worker, new Msg(id)));
                    } else {
                        ActorRef<Msg> ref = system.<Msg>find("workers/w" + worker).orElse(null);
                        if (ref == null) {
                            continue; // between a terminate and a restart: nothing sent
                        }
                        ref.tell(new Msg(id));
                        deliveries = 1;
                    }
                    expected.addAndGet(id % SLOTS, deliveries);
                    expectedTotal.add(deliveries);
                }
            }
        } catch (Throwable t) {
            problem.compareAndSet(null, t);
        }
    }

    private long chaos(ActorSystem system, MessageBroker broker, Supervisor sup, long end) throws Exception {
        SplittableRandom random = new SplittableRandom(3);
        String[] factories = {"builtin", "jctools"};
        String[] indexes = {"hash", "tree"};
        long ops = 0;
        while (System.nanoTime() < end) {
            switch (random.nextInt(3)) {
                case 0 -> system.swapMailboxes(factories[(int) (ops % 2)]).toCompletableFuture().get(10, TimeUnit.SECONDS);
                case 1 -> broker.useIndex(indexes[random.nextInt(2)]);
                default -> {
                    String id = "w" + random.nextInt(WORKERS);
                    sup.terminateChild(id).toCompletableFuture().get(10, TimeUnit.SECONDS);
                    ActorRef<?> fresh = sup.restartChild(id).toCompletableFuture().get(10, TimeUnit.SECONDS);
                    broker.subscribe("work/" + id.substring(1), fresh);
                }
            }
            ops++;
            TimeUnit.MILLISECONDS.sleep(2);
        }
        return ops;
    }
}
