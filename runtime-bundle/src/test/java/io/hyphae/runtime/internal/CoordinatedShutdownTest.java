package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.ExitReason;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.SystemTerminatedException;
import io.hyphae.api.shutdown.CoordinatedShutdown;
import io.hyphae.api.shutdown.ShutdownPhase;
import io.hyphae.api.shutdown.ShutdownReason;
import io.hyphae.api.shutdown.ShutdownReport;
import io.hyphae.api.shutdown.ShutdownReport.Outcome;
import io.hyphae.api.shutdown.ShutdownSettings;
import io.hyphae.api.spi.OrderedShutdown;
import io.hyphae.api.time.Cancellable;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The coordinated shutdown: phases in order with their tasks and the runtime's steps,
 * drain before stop, timeouts that end a phase without ending the shutdown, typed errors,
 * and the JVM hook in a JVM of its own.
 */
class CoordinatedShutdownTest {

    private static ActorSystem system(String name, ShutdownSettings settings) {
        return ActorSystem.builder().config(ActorSystemConfig.defaults().withName(name).withDispatcherThreads(2)
                .withShutdown(settings)).build();
    }

    private static ShutdownReport report(ActorSystem s) throws Exception {
        return s.coordinatedShutdown().run(ShutdownReason.APPLICATION).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void phasesRunInOrderEachTaskBeforeTheRuntimesStep() throws Exception {
        ActorSystem s = system("cs-order", ShutdownSettings.defaults().withJvmHook(false));
        List<String> seen = new CopyOnWriteArrayList<>();
        AtomicInteger handled = new AtomicInteger();
        ActorRef<String> worker = s.spawn(ctx -> m -> handled.incrementAndGet(), "worker");
        CoordinatedShutdown cs = s.coordinatedShutdown();
        for (ShutdownPhase p : ShutdownPhase.values()) {
            cs.addTask(p, "task-" + p, () -> {
                boolean spawns;
                try {
                    s.spawnAnonymous(ctx -> m -> { }).tell("x");
                    spawns = true;
                } catch (SystemTerminatedException e) {
                    spawns = false;
                }
                seen.add(p + (spawns ? " spawns" : " refuses") + (s.metrics(worker).isPresent() ? " alive" : " gone"));
                return null;
            });
        }
        Cancellable dropped = cs.addTask(ShutdownPhase.DRAIN, "dropped", () -> {
            seen.add("dropped ran");
            return null;
        });
        assertTrue(dropped.cancel());
        assertFalse(dropped.cancel(), "a second cancel does nothing");
        for (int i = 0; i < 1000; i++) {
            worker.tell("m" + i);
        }
        s.terminate();
        assertTrue(s.awaitTermination(Duration.ofSeconds(30)));
        ShutdownReport r = ((HyphaeActorSystem) s).shutdown().whenReported().toCompletableFuture().get();
        assertEquals(List.of("STOP_ACCEPTING refuses alive", "DRAIN refuses alive", "STOP_ACTORS refuses alive",
                "CLOSE_SERVICES refuses gone"), seen);
        assertEquals(1000, handled.get(), "drained before the stop");
        assertEquals(ShutdownReason.SYSTEM_TERMINATE, r.reason());
        assertTrue(r.clean(), r::toString);
        assertEquals(List.of(ShutdownPhase.values()), r.phases().stream().map(ShutdownReport.PhaseReport::phase)
                .toList());
        for (ShutdownReport.PhaseReport p : r.phases()) {
            assertEquals(1, p.tasks().size(), p.toString());
            assertEquals(Outcome.DONE, p.tasks().get(0).outcome());
        }
        assertTrue(r.phase(ShutdownPhase.STOP_ACTORS).summary().startsWith("1 actors stopped"), r::toString);
        assertEquals(0, s.metrics().liveActors());
        assertTrue(r.toString().contains("task 'task-DRAIN' DONE"), r::toString);
        assertThrows(SystemTerminatedException.class, () -> cs.addTask(ShutdownPhase.CLOSE_SERVICES, "late",
                () -> null), "a task for a phase that has run");
    }

    /** Queued messages are handled, not dead-lettered; with no time to drain they are dead letters. */
    @Test
    void drainHandlesWhatIsQueuedAndATimeoutOfZeroDeadLettersIt() throws Exception {
        for (int drainMillis : new int[] {10_000, 0}) {
            ActorSystem s = system("cs-drain-" + drainMillis, ShutdownSettings.defaults().withJvmHook(false)
                    .withTimeout(ShutdownPhase.DRAIN, Duration.ofMillis(drainMillis)));
            AtomicInteger handled = new AtomicInteger();
            CountDownLatch gate = new CountDownLatch(1);
            ActorRef<Integer> slow = s.spawn(ctx -> m -> {
                if (m == 0) {
                    gate.await();
                }
                handled.incrementAndGet();
            }, SpawnOptions.defaults().withName("slow").withDispatcher("blocking"));
            // A pair that passes a message back and forth 2,000 times: internal traffic to drain.
            AtomicInteger volleys = new AtomicInteger();
            AtomicReference<ActorRef<Integer>> pong = new AtomicReference<>();
            ActorRef<Integer> ping = s.spawn(ctx -> n -> {
                volleys.incrementAndGet();
                if (n > 0) {
                    pong.get().tell(n - 1);
                }
            }, "ping");
            pong.set(s.spawn(ctx -> n -> {
                volleys.incrementAndGet();
                if (n > 0) {
                    ping.tell(n - 1);
                }
            }, "pong"));
            for (int i = 0; i < 500; i++) {
                slow.tell(i);
            }
            ping.tell(2_000);
            CompletableFuture<ShutdownReport> done = s.coordinatedShutdown().run(ShutdownReason.APPLICATION)
                    .toCompletableFuture();
            Thread.sleep(50);
            gate.countDown();
            ShutdownReport r = done.get(30, TimeUnit.SECONDS);
            assertTrue(s.awaitTermination(Duration.ofSeconds(10)));
            if (drainMillis > 0) {
                assertEquals(500, handled.get(), r::toString);
                assertEquals(2_001, volleys.get(), r::toString);
                assertEquals(0, s.metrics().deadLetters(), r::toString);
                assertEquals(Outcome.DONE, r.phase(ShutdownPhase.DRAIN).outcome(), r::toString);
                assertTrue(r.phase(ShutdownPhase.DRAIN).summary().endsWith("every mailbox empty"), r::toString);
            } else {
                assertTrue(handled.get() < 500, "no drain: the queue was not handled, " + handled.get());
                assertTrue(s.metrics().deadLetters() > 0, "no drain: what was queued became dead letters");
                // Each of the slow actor's messages was handled or dead-lettered; the volley's
                // last message may be one more dead letter.
                long extra = s.metrics().deadLetters() - (500 - handled.get());
                assertTrue(extra == 0 || extra == 1, () -> "every message handled or dead-lettered: " + extra + r);
                assertEquals(Outcome.TIMED_OUT, r.phase(ShutdownPhase.DRAIN).outcome(), r::toString);
            }
        }
    }

    @Test
    void aTaskThatHangsOrFailsEndsItsPhaseAtTheTimeoutAndTheShutdownGoesOn() throws Exception {
        ActorSystem s = system("cs-timeouts", ShutdownSettings.defaults().withJvmHook(false)
                .withTimeout(ShutdownPhase.STOP_ACCEPTING, Duration.ofMillis(300)));
        CoordinatedShutdown cs = s.coordinatedShutdown();
        CountDownLatch never = new CountDownLatch(1);
        cs.addTask(ShutdownPhase.STOP_ACCEPTING, "blocks", () -> {
            try {
                never.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        cs.addTask(ShutdownPhase.STOP_ACCEPTING, "never completes", CompletableFuture::new);
        cs.addTask(ShutdownPhase.STOP_ACCEPTING, "quick", () -> CompletableFuture.completedFuture("ok"));
        cs.addTask(ShutdownPhase.DRAIN, "throws", () -> {
            throw new IllegalStateException("flush failed");
        });
        cs.addTask(ShutdownPhase.DRAIN, "fails", () -> CompletableFuture.failedFuture(new Exception("disk full")));
        AtomicInteger closed = new AtomicInteger();
        cs.addTask(ShutdownPhase.CLOSE_SERVICES, "close", () -> {
            closed.incrementAndGet();
            return null;
        });
        long t0 = System.nanoTime();
        ShutdownReport r = report(s);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
        assertTrue(s.awaitTermination(Duration.ofSeconds(10)));
        never.countDown();
        assertFalse(r.clean());
        ShutdownReport.PhaseReport accept = r.phase(ShutdownPhase.STOP_ACCEPTING);
        assertEquals(Outcome.TIMED_OUT, accept.outcome(), r::toString);
        assertEquals(List.of(Outcome.TIMED_OUT, Outcome.TIMED_OUT, Outcome.DONE),
                accept.tasks().stream().map(ShutdownReport.TaskReport::outcome).toList());
        assertTrue(tookMillis >= 300 && tookMillis < 10_000, "waited the timeout, not forever: " + tookMillis);
        ShutdownReport.PhaseReport drain = r.phase(ShutdownPhase.DRAIN);
        assertEquals(Outcome.FAILED, drain.outcome(), r::toString);
        assertTrue(drain.tasks().get(0).error().contains("flush failed"), r::toString);
        assertTrue(drain.tasks().get(1).error().contains("disk full"), r::toString);
        assertEquals(Outcome.DONE, r.phase(ShutdownPhase.CLOSE_SERVICES).outcome());
        assertEquals(1, closed.get(), "later phases still ran");
        assertEquals(ShutdownReason.APPLICATION, r.reason());
        assertSame(r, report(s), "run again: the same report");
        assertEquals(ShutdownReason.APPLICATION, cs.reason().orElseThrow());
    }

    /** An actor that orders its own shutdown and never finishes: stopped without hooks at the timeout. */
    @Test
    void actorsStillRunningAtTheStopTimeoutAreStoppedBrutally() throws Exception {
        ActorSystem s = system("cs-stuck", ShutdownSettings.defaults().withJvmHook(false)
                .withTimeout(ShutdownPhase.STOP_ACTORS, Duration.ofMillis(300)));
        AtomicInteger hooks = new AtomicInteger();
        class Stubborn implements Actor<String>, OrderedShutdown {
            @Override
            public void receive(String m) {
            }

            @Override
            public void onStopRequested(ExitReason reason) {
                // never stops itself
            }

            @Override
            public void onStop() {
                hooks.incrementAndGet();
            }
        }
        s.<String>spawn(ctx -> new Stubborn(), "stubborn");
        s.spawn(ctx -> m -> { }, "plain");
        ShutdownReport r = report(s);
        assertTrue(s.awaitTermination(Duration.ofSeconds(10)), r::toString);
        ShutdownReport.PhaseReport stop = r.phase(ShutdownPhase.STOP_ACTORS);
        assertEquals(Outcome.TIMED_OUT, stop.outcome(), r::toString);
        assertTrue(stop.summary().contains("/user/stubborn") || stop.summary().contains("stubborn"), r::toString);
        assertFalse(stop.summary().contains("plain"), r::toString);
        assertEquals(0, hooks.get(), "a brutal stop skips the hook");
        assertEquals(0, s.metrics().liveActors());
    }

    /**
     * Producers keep telling while the system shuts down, and every actor forwards half of
     * what it gets to a neighbour: each message sent is handled or a dead letter, exactly.
     */
    @Test
    void messagesRacingTheShutdownAreHandledOrDeadLetteredNeverLost() throws Exception {
        for (int round = 0; round < 5; round++) {
            ActorSystem s = system("cs-race-" + round, ShutdownSettings.defaults().withJvmHook(false)
                    .withTimeout(ShutdownPhase.DRAIN, Duration.ofMillis(round % 2 == 0 ? 200 : 0)));
            AtomicInteger handled = new AtomicInteger();
            AtomicInteger forwarded = new AtomicInteger();
            int actors = 50;
            List<ActorRef<Integer>> refs = new CopyOnWriteArrayList<>();
            for (int a = 0; a < actors; a++) {
                int next = (a + 1) % actors;
                refs.add(s.spawn(ctx -> m -> {
                    handled.incrementAndGet();
                    if (m % 2 == 0) {
                        refs.get(next).tell(m + 1); // the forward counts as one more message sent
                        forwarded.incrementAndGet();
                    }
                }, "a" + a));
            }
            int producers = 4;
            int perProducer = 50_000;
            CountDownLatch go = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int me = p;
                Thread t = new Thread(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perProducer; i++) {
                        refs.get((me + i) % actors).tell(i);
                    }
                });
                t.start();
                threads.add(t);
            }
            go.countDown();
            Thread.sleep(5 + round * 3);
            s.terminate();
            for (Thread t : threads) {
                t.join(30_000);
            }
            assertTrue(s.awaitTermination(Duration.ofSeconds(30)));
            long sent = (long) producers * perProducer + forwarded.get();
            assertEquals(sent, handled.get() + s.metrics().deadLetters(),
                    "round " + round + ": handled " + handled.get() + ", dead letters " + s.metrics().deadLetters());
        }
    }

    @Test
    void badInputIsATypedError() throws Exception {
        ActorSystem s = system("cs-bad", ShutdownSettings.defaults().withJvmHook(false));
        CoordinatedShutdown cs = s.coordinatedShutdown();
        assertThrows(NullPointerException.class, () -> cs.addTask(null, "x", () -> null));
        assertThrows(NullPointerException.class, () -> cs.addTask(ShutdownPhase.DRAIN, null, () -> null));
        assertThrows(NullPointerException.class, () -> cs.addTask(ShutdownPhase.DRAIN, "x", null));
        assertThrows(IllegalArgumentException.class, () -> cs.addTask(ShutdownPhase.DRAIN, " ", () -> null));
        assertThrows(NullPointerException.class, () -> cs.run(null));
        assertTrue(cs.reason().isEmpty());
        assertThrows(InvalidConfigurationException.class,
                () -> ActorSystemConfig.fromMap(Map.of("shutdown.drain.timeoutMillis", "-1")));
        assertThrows(InvalidConfigurationException.class,
                () -> ActorSystemConfig.fromMap(Map.of("shutdown.stopActors.timeoutMillis", 3_600_001)));
        assertThrows(InvalidConfigurationException.class,
                () -> ActorSystemConfig.fromMap(Map.of("shutdown.jvmHook", "maybe")));
        assertThrows(InvalidConfigurationException.class,
                () -> ShutdownSettings.defaults().withTimeout(ShutdownPhase.DRAIN, Duration.ofMillis(-1)));
        ActorSystemConfig c = ActorSystemConfig.fromMap(Map.of("shutdown.drain.timeoutMillis", "250",
                "shutdown.jvmHook", "false"));
        assertEquals(Duration.ofMillis(250), c.shutdown().timeout(ShutdownPhase.DRAIN));
        assertEquals(ShutdownPhase.STOP_ACTORS.defaultTimeout(), c.shutdown().timeout(ShutdownPhase.STOP_ACTORS));
        assertFalse(c.shutdown().jvmHook());
        assertEquals(Duration.ofSeconds(5), cs.timeout(ShutdownPhase.DRAIN));
        s.close();
    }

    /** The JVM hook: a JVM that exits with a live system runs the shutdown and its tasks. */
    @Test
    void theJvmsExitRunsTheShutdown() throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        String modulePath = System.getProperty("jdk.module.path");
        String classPath = System.getProperty("java.class.path");
        if (modulePath != null && !modulePath.isBlank()) {
            cmd.add("--module-path");
            cmd.add(modulePath);
            cmd.add("--add-modules");
            cmd.add("ALL-MODULE-PATH");
        }
        cmd.add("-cp");
        cmd.add(classPath + File.pathSeparator + System.getProperty("user.dir") + "/target/test-classes");
        cmd.add(ExitingMain.class.getName());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Thread reader = new Thread(() -> {
            try {
                p.getInputStream().transferTo(out);
            } catch (java.io.IOException e) {
                // the process ended
            }
        });
        reader.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the child JVM exits");
        reader.join(5_000);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(3, p.exitValue(), text);
        assertTrue(text.contains("task ran: handled 100"), text);
        assertTrue(text.contains("reason JVM_EXIT"), text);
    }

    /** Spawns an actor, queues 100 messages and exits the JVM at once. */
    public static final class ExitingMain {
        private ExitingMain() {
        }

        public static void main(String[] args) throws Exception {
            AtomicInteger handled = new AtomicInteger();
            ActorSystem s = ActorSystem.builder().config(ActorSystemConfig.defaults().withName("exiting")
                    .withDispatcherThreads(1)).build();
            ActorRef<Integer> a = s.spawn(ctx -> m -> {
                Thread.sleep(1);
                handled.incrementAndGet();
            }, "a");
            s.coordinatedShutdown().addTask(ShutdownPhase.CLOSE_SERVICES, "report", () -> {
                System.out.println("task ran: handled " + handled.get() + ", reason "
                        + s.coordinatedShutdown().reason().orElseThrow());
                return null;
            });
            for (int i = 0; i < 100; i++) {
                a.tell(i);
            }
            System.exit(3);
        }
    }
}
