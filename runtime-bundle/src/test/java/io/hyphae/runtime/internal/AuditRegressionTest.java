package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.MailboxFullException;
import io.hyphae.api.Signal;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.SystemTerminatedException;
import io.hyphae.api.Terminated;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * One test per runtime defect of the reliability audit (issue 22), each failing on the code
 * before its fix: the number in each name is the audit's.
 */
class AuditRegressionTest extends SystemTestBase {

    private static final Duration FOREVER = ChronoUnit.FOREVER.getDuration();

    private HyphaeActorSystem runtime() {
        return (HyphaeActorSystem) system;
    }

    private static ActorSystem newSystem(String name) {
        return ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName(name).withDispatcherThreads(2))
                .build();
    }

    /** Round trip through an actor's mailbox: its system messages sent before are handled. */
    private static void roundTrip(ActorRef<Object> ref) throws Exception {
        CompletableFuture<Object> done = new CompletableFuture<>();
        ref.tell(done);
        done.get(5, TimeUnit.SECONDS);
    }

    /** Completes any future it receives; ignores everything else. */
    private static Actor<Object> echo() {
        return m -> {
            if (m instanceof CompletableFuture<?> f) {
                @SuppressWarnings("unchecked")
                CompletableFuture<Object> c = (CompletableFuture<Object>) f;
                c.complete(m);
            }
        };
    }

    // 1 ------------------------------------------------------------------------------

    @Test
    void d01TerminationWithDeadLetterSubscribersBackloggedCompletes() throws Exception {
        ActorSystem s = newSystem("d01");
        try {
            CountDownLatch release = new CountDownLatch(1);
            for (int i = 0; i < 2; i++) {
                ActorRef<DeadLetter> sub = s.spawnAnonymous(ctx -> letter -> release.await());
                s.subscribeDeadLetters(sub);
            }
            ActorRef<String> gone = s.spawnAnonymous(ctx -> m -> { });
            s.stop(gone);
            s.whenTerminated(gone).toCompletableFuture().get(5, TimeUnit.SECONDS);
            for (int i = 0; i < 2_000; i++) {
                gone.tell("late " + i); // each is a dead letter queued at both subscribers
            }
            s.terminate();
            release.countDown();
            assertTrue(s.awaitTermination(Duration.ofSeconds(20)),
                    "terminate() must finish while dead-letter subscribers drain their backlogs");
        } finally {
            s.terminate();
        }
    }

    @Test
    void d01LetterToAStoppedSubscriberIsNotPublishedAgain() throws Exception {
        List<DeadLetter> seen = new CopyOnWriteArrayList<>();
        ActorRef<DeadLetter> watcher = system.spawnAnonymous(ctx -> seen::add);
        system.subscribeDeadLetters(watcher);
        ActorRef<String> gone = system.spawnAnonymous(ctx -> m -> { });
        system.stop(gone);
        system.whenTerminated(gone).toCompletableFuture().get(5, TimeUnit.SECONDS);
        gone.tell("one");
        Await.until("the letter", () -> seen.size() == 1);
        assertEquals("one", seen.get(0).message());
        // No letter about a letter reaches a subscriber.
        assertTrue(deadLetters.stream().noneMatch(d -> d.message() instanceof DeadLetter), deadLetters.toString());
    }

    // 2 ------------------------------------------------------------------------------

    @Test
    void d02BoundedCapacityAbove2To30IsRejectedAtTheSpec() {
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> MailboxSpec.bounded((1 << 30) + 1, Overflow.DROP_NEWEST));
        assertTrue(e.getMessage().contains("2^30"), e.getMessage());
        assertThrows(InvalidConfigurationException.class,
                () -> MailboxSpec.blocking(Integer.MAX_VALUE - 1, Duration.ofSeconds(1)));
        assertEquals(MailboxSpec.MAX_BOUNDED_CAPACITY,
                MailboxSpec.bounded(MailboxSpec.MAX_BOUNDED_CAPACITY, Overflow.REJECT).capacity());
    }

    // 3 ------------------------------------------------------------------------------

    @Test
    void d03AskOpenAtTerminateFailsWithATypedError() throws Exception {
        ActorSystem s = newSystem("d03");
        ActorRef<Object> silent = s.spawnAnonymous(ctx -> m -> { });
        CompletionStage<Object> answer = s.ask(silent, r -> "never answered", Duration.ofHours(1));
        s.terminate();
        assertTrue(s.awaitTermination(Duration.ofSeconds(10)));
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> answer.toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertInstanceOf(SystemTerminatedException.class, e.getCause());
    }

    // 4 ------------------------------------------------------------------------------

    @Test
    void d04DeadWatchersLeaveTheWatchedActor() throws Exception {
        ActorRef<Object> service = system.spawn(ctx -> echo(), "service");
        for (int i = 0; i < 500; i++) {
            ActorRef<String> watcher = system.spawnAnonymous(ctx -> {
                ctx.watch(service);
                return m -> ctx.stop(ctx.self());
            });
            watcher.tell("stop");
            system.whenTerminated(watcher).toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
        roundTrip(service);
        assertEquals(0, ((ActorCell<?>) service).watchCounts()[0], "dead watchers kept");
    }

    // 5 ------------------------------------------------------------------------------

    @Test
    void d05CancelledWhenTerminatedStagesLeaveTheActor() throws Exception {
        ActorRef<Object> service = system.spawn(ctx -> echo(), "service");
        for (int i = 0; i < 500; i++) {
            assertTrue(system.whenTerminated(service).toCompletableFuture().cancel(false));
        }
        ActorRef<Object> subscriber = system.spawnAnonymous(ctx -> echo());
        @SuppressWarnings("unchecked")
        ActorRef<DeadLetter> sub = (ActorRef<DeadLetter>) (ActorRef<?>) subscriber;
        for (int i = 0; i < 100; i++) {
            system.subscribeDeadLetters(sub).cancel();
        }
        roundTrip(service);
        assertEquals(0, ((ActorCell<?>) service).watchCounts()[1], "cancelled stages kept");
        roundTrip(subscriber);
        assertEquals(0, ((ActorCell<?>) sub).watchCounts()[1], "stages kept by subscribeDeadLetters");
        // A bundle's view of the shared system keeps one subscription per subscriber, and
        // forgets subscribers that stopped.
        ScopedActorSystem view = new ScopedActorSystem(runtime(), "a bundle");
        for (int i = 0; i < 100; i++) {
            view.subscribeDeadLetters(sub);
        }
        assertEquals(1, view.deadLetterSubscriptions());
        ActorRef<DeadLetter> other = system.spawnAnonymous(ctx -> d -> { });
        view.subscribeDeadLetters(other);
        system.stop(subscriber);
        system.whenTerminated(subscriber).toCompletableFuture().get(5, TimeUnit.SECONDS);
        view.subscribeDeadLetters(other);
        assertEquals(1, view.deadLetterSubscriptions(), "the stopped subscriber is forgotten");
    }

    // 8 ------------------------------------------------------------------------------

    @Test
    void d08TerminatedReachesAWatcherThatWasRestarting() throws Exception {
        List<Signal> signals = new CopyOnWriteArrayList<>();
        CountDownLatch childMayStop = new CountDownLatch(1);
        CountDownLatch restarting = new CountDownLatch(1);
        ActorRef<String> watched = system.spawnAnonymous(ctx -> m -> { });
        AtomicInteger instances = new AtomicInteger();
        ActorRef<String> watcher = system.spawnAnonymous(ctx -> {
            int instance = instances.incrementAndGet();
            if (instance == 1) {
                ctx.watch(watched);
                // A child that is slow to stop keeps the restart waiting.
                ctx.spawnAnonymous(c -> new Actor<Object>() {
                    @Override
                    public void receive(Object m) {
                    }

                    @Override
                    public void onStop() {
                        restarting.countDown();
                        try {
                            childMayStop.await(10, TimeUnit.SECONDS);
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                });
            }
            return new Actor<String>() {
                @Override
                public void receive(String m) {
                    throw new IllegalStateException("fail " + m);
                }

                @Override
                public void onSignal(Signal s) {
                    signals.add(s);
                }
            };
        });
        watcher.tell("now");
        assertTrue(restarting.await(5, TimeUnit.SECONDS));
        system.stop(watched);
        system.whenTerminated(watched).toCompletableFuture().get(5, TimeUnit.SECONDS);
        childMayStop.countDown();
        Await.until("Terminated after the restart", () -> signals.stream().anyMatch(s -> s instanceof Terminated));
        assertEquals(2, instances.get());
    }

    // 11 -----------------------------------------------------------------------------

    @Test
    void d11AnAskThatFailsAtOnceKeepsNoTimer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inHand = new CountDownLatch(1);
        ActorRef<Object> full = system.spawn(ctx -> m -> {
            inHand.countDown();
            release.await();
        }, SpawnOptions.defaults().withMailbox(MailboxSpec.bounded(1, Overflow.REJECT)));
        full.tell("hold");
        assertTrue(inHand.await(5, TimeUnit.SECONDS));
        full.tell("fills the one slot");
        int failed = 0;
        for (int i = 0; i < 200; i++) {
            CompletableFuture<Object> f = system.ask(full, r -> "q", Duration.ofHours(1)).toCompletableFuture();
            if (f.isCompletedExceptionally()) {
                failed++;
                ExecutionException e = assertThrows(ExecutionException.class, f::get);
                assertInstanceOf(MailboxFullException.class, e.getCause());
            }
        }
        release.countDown();
        assertTrue(failed > 150, "most asks hit the full mailbox: " + failed);
        int queued = 200 - failed;
        assertTrue(runtime().clock.pendingTasks() <= queued,
                "timer tasks left: " + runtime().clock.pendingTasks() + ", asks still open: " + queued);
    }

    // 12 -----------------------------------------------------------------------------

    @Test
    void d12HugeDurationsMeanNoTimeoutInsteadOfOverflowing() throws Exception {
        ActorRef<Object> service = system.spawn(ctx -> echo(), "service");
        CompletableFuture<Object> roundTrip = system.ask(service, r -> {
            CompletableFuture<Object> f = new CompletableFuture<>();
            f.thenAccept(x -> r.tell("answer"));
            return f;
        }, FOREVER).toCompletableFuture();
        assertEquals("answer", roundTrip.get(5, TimeUnit.SECONDS));
        CompletableFuture<Boolean> active = new CompletableFuture<>();
        ActorRef<String> timed = system.spawnAnonymous(ctx -> m -> {
            ctx.timers().startSingleTimer("once", "never", FOREVER);
            ctx.timers().startPeriodicTimer("tick", "never", FOREVER);
            active.complete(ctx.timers().isTimerActive("once") && ctx.timers().isTimerActive("tick"));
        });
        timed.tell("go");
        assertTrue(active.get(5, TimeUnit.SECONDS));
        ActorSystem s = newSystem("d12");
        s.terminate();
        assertTrue(s.awaitTermination(FOREVER));
    }

    // 14 -----------------------------------------------------------------------------

    @Test
    void d14TerminatedComesAfterTheWatchedActorsLastMessages() throws Exception {
        List<Object> got = new CopyOnWriteArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<Object> watcher = system.spawnAnonymous(ctx -> new Actor<Object>() {
            @Override
            public void receive(Object m) throws Exception {
                if (m instanceof ActorRef<?> r) {
                    ctx.watch(r);
                    return;
                }
                if ("hold".equals(m)) {
                    release.await();
                    return;
                }
                got.add(m);
            }

            @Override
            public void onSignal(Signal s) {
                got.add(s);
            }
        });
        ActorRef<Object> chatty = system.spawnAnonymous(ctx -> m -> {
            for (int i = 0; i < 100; i++) {
                watcher.tell(i);
            }
            ctx.stop(ctx.self());
        });
        watcher.tell(chatty);
        watcher.tell("hold");
        chatty.tell("go");
        system.whenTerminated(chatty).toCompletableFuture().get(5, TimeUnit.SECONDS);
        release.countDown();
        Await.until("everything", () -> got.size() == 101);
        List<Object> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(i);
        }
        assertEquals(expected, got.subList(0, 100));
        assertInstanceOf(Terminated.class, got.get(100));
    }

    // 17 -----------------------------------------------------------------------------

    @Test
    void d17WatchersHearOfADeathBeforeAStageAskedForLater() throws Exception {
        for (int i = 0; i < 300; i++) {
            ActorRef<String> a = system.spawnAnonymous(ctx -> m -> { });
            AtomicLong first = new AtomicLong();
            system.whenTerminated(a).thenRun(() -> first.set(System.nanoTime()));
            system.stop(a);
            // Asked while the actor may be terminating: once it completes, the earlier
            // stage's action has run.
            system.whenTerminated(a).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertTrue(first.get() != 0, "round " + i + ": a later stage completed before an earlier one's action");
        }
    }

    // metrics -------------------------------------------------------------------------

    private static final int TURN = 100;

    @Test
    void depthIsCountedWhileTheBuiltinMailboxIsBeingDrained() throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        AtomicLong sink = new AtomicLong();
        ActorRef<Integer> slow = system.spawn(ctx -> m -> {
            if (m == 0) {
                start.await();
            }
            long x = 0;
            for (int i = 0; i < 2_000; i++) {
                x += i * (long) m;
            }
            sink.addAndGet(x);
        }, SpawnOptions.defaults().withMailboxFactory("builtin").withThroughput(TURN));
        int n = 40_000;
        for (int i = 0; i < n; i++) {
            slow.tell(i);
        }
        start.countDown();
        int samples = 0;
        while (samples < 50) {
            var m = system.metrics(slow).orElseThrow();
            if (m.processed() > n / 2) {
                break;
            }
            samples++;
            assertTrue(m.mailboxDepth() >= n / 3, "sample " + samples + ": depth " + m.mailboxDepth()
                    + " with " + m.processed() + " of " + n + " processed");
            // Processed and depth are read one after the other while the actor runs, so the
            // sum trails by what was handled in between (unbounded if this thread is
            // preempted). Bound it by a second reading: the depth was read before `after`,
            // when at most `after` plus one unpublished turn had been handled.
            long after = system.metrics(slow).orElseThrow().processed();
            assertTrue(m.received() <= n, "received counts a message twice: " + m);
            assertTrue(m.received() >= n - (after - m.processed()) - TURN,
                    "received = processed + queued lost messages: " + m + ", processed later " + after);
        }
        assertTrue(samples > 0, "the actor processed half the queue before a single sample");
    }
}
