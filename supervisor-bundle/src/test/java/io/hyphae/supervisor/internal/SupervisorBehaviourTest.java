package io.hyphae.supervisor.internal;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorNotFoundException;
import io.hyphae.api.ActorRef;
import io.hyphae.api.supervision.AutoShutdown;
import io.hyphae.api.supervision.Backoff;
import io.hyphae.api.supervision.ChildInfo;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.InvalidSpecException;
import io.hyphae.api.supervision.RestartType;
import io.hyphae.api.supervision.Shutdown;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorEvent.Kind;
import io.hyphae.api.supervision.SupervisorSpec;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SupervisorBehaviourTest extends SupervisorTestBase {

    private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static Throwable failure(java.util.concurrent.CompletionStage<?> stage) throws Exception {
        try {
            stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected a failure");
    }

    /** Records every message it sees together with its own instance number. */
    private static ActorFactory<Object> recorder(List<String> seen, int[] instances) {
        return ctx -> {
            int instance = ++instances[0];
            return m -> {
                if ("boom".equals(m)) {
                    seen.add(instance + ":boom");
                    throw new IllegalStateException("boom");
                }
                seen.add(instance + ":" + m);
            };
        };
    }

    @Test
    void restartGivesAFreshInstanceAndKeepsQueuedMessagesInOrder() throws Exception {
        List<String> seen = new CopyOnWriteArrayList<>();
        int[] instances = {0};
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withChild(ChildSpec.of("r", recorder(seen, instances))));
        settled(sup);
        ActorRef<Object> r = system.<Object>find("sup/r").orElseThrow();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            Object m = i == 50 ? "boom" : i;
            r.tell(m);
            expected.add((i <= 50 ? 1 : 2) + ":" + m);
        }
        Await.until(Duration.ofSeconds(10), () -> "all seen: " + seen, () -> seen.size() == 100);
        assertEquals(expected, seen, "the failed message is not retried; later ones follow in order, on instance 2");
        assertEquals(List.of("r"), settled(sup).stream().map(ChildInfo::id).toList());
    }

    @Test
    void groupRestartKeepsSiblingsQueuedMessagesInOrder() throws Exception {
        List<String> a = new CopyOnWriteArrayList<>();
        List<String> b = new CopyOnWriteArrayList<>();
        int[] ai = {0};
        int[] bi = {0};
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ALL)
                .withChild(ChildSpec.of("a", recorder(a, ai)))
                .withChild(ChildSpec.of("b", recorder(b, bi))));
        settled(sup);
        ActorRef<Object> ra = system.<Object>find("sup/a").orElseThrow();
        ActorRef<Object> rb = system.<Object>find("sup/b").orElseThrow();
        ra.tell("boom");
        for (int i = 0; i < 1000; i++) {
            rb.tell(i);
        }
        Await.until(Duration.ofSeconds(10), () -> "b saw all", () -> b.size() == 1000);
        List<Integer> order = b.stream().map(s -> Integer.parseInt(s.substring(s.indexOf(':') + 1))).toList();
        for (int i = 0; i < 1000; i++) {
            assertEquals(i, order.get(i), "b's messages in order across its restart");
        }
        Await.until("b restarted too", () -> bi[0] == 2);
    }

    @Test
    void badSpecsFailWhenBuilt() {
        ActorFactory<Object> f = worker("x");
        assertThrows(InvalidSpecException.class, () -> SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withChild(ChildSpec.of("x", f)).withChild(ChildSpec.of("x", f)), "duplicate id");
        assertThrows(InvalidSpecException.class,
                () -> SupervisorSpec.of(Strategy.ONE_FOR_ONE).withIntensity(1, Duration.ZERO), "period 0");
        assertThrows(InvalidSpecException.class,
                () -> SupervisorSpec.of(Strategy.ONE_FOR_ONE).withIntensity(1, Duration.ofSeconds(-1)), "period < 0");
        assertThrows(InvalidSpecException.class,
                () -> SupervisorSpec.of(Strategy.ONE_FOR_ONE).withIntensity(-1, Duration.ofSeconds(1)), "intensity");
        assertThrows(InvalidSpecException.class, () -> ChildSpec.of("x", (ActorFactory<?>) null), "null factory");
        assertThrows(InvalidSpecException.class, () -> ChildSpec.of("x", (java.util.function.Supplier<Actor<?>>) null),
                "null supplier");
        assertThrows(InvalidSpecException.class, () -> ChildSpec.of(null, f), "null id");
        assertThrows(InvalidSpecException.class, () -> ChildSpec.of("a/b", f), "id with a slash");
        assertThrows(InvalidSpecException.class, () -> ChildSpec.of("x", f).withSignificant(true),
                "a permanent child cannot be significant");
        assertThrows(InvalidSpecException.class, () -> SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withChild(ChildSpec.of("x", f).withRestart(RestartType.TRANSIENT).withSignificant(true)),
                "significant child without auto-shutdown");
        assertThrows(InvalidSpecException.class, () -> SupervisorSpec.of(Strategy.DYNAMIC), "dynamic needs a template");
        assertThrows(InvalidSpecException.class, () -> SupervisorSpec.dynamic(ChildSpec.of("x", f))
                .withChild(ChildSpec.of("y", f)), "dynamic takes no static children");
        assertThrows(InvalidSpecException.class, () -> SupervisorSpec.dynamic(ChildSpec.of("x", f))
                .withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT), "dynamic cannot auto-shut down");
        assertThrows(io.hyphae.api.InvalidConfigurationException.class,
                () -> Shutdown.timeout(Duration.ZERO), "zero shutdown timeout");
        assertThrows(io.hyphae.api.InvalidConfigurationException.class,
                () -> Backoff.of(Duration.ofSeconds(2), Duration.ofSeconds(1)), "max below min");
        assertThrows(io.hyphae.api.InvalidConfigurationException.class,
                () -> new Backoff(Duration.ofMillis(1), Duration.ofSeconds(1), 1.5, Duration.ofSeconds(1)), "jitter");
    }

    @Test
    void badCommandsFailTheirReplyAndChangeNothing() throws Exception {
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withChild(ChildSpec.of("a", worker("a"))));
        assertInstanceOf(InvalidSpecException.class, failure(sup.startChild(ChildSpec.of("a", worker("a")))));
        assertInstanceOf(InvalidSpecException.class, failure(sup.startChild()), "no template");
        assertInstanceOf(ActorNotFoundException.class, failure(sup.terminateChild("nope")));
        assertInstanceOf(ActorNotFoundException.class, failure(sup.restartChild("nope")));
        assertInstanceOf(IllegalStateException.class, failure(sup.restartChild("a")), "running");
        assertInstanceOf(IllegalStateException.class, failure(sup.deleteChild("a")), "running");
        assertEquals(List.of("a"), settled(sup).stream().map(ChildInfo::id).toList());
        assertEquals(1, count(Kind.CHILD_STARTED));
    }

    @Test
    void terminateRestartAndDeleteAStaticChild() throws Exception {
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withChild(ChildSpec.of("a", worker("a"))));
        ActorRef<?> first = get(sup.startChild(ChildSpec.of("b", worker("b"))));
        assertEquals(List.of("start a", "start b"), hooks);
        get(sup.terminateChild("b"));
        assertEquals(ChildInfo.State.TERMINATED, settled(sup).get(1).state());
        assertTrue(system.whenTerminated(first).toCompletableFuture().isDone());
        ActorRef<?> second = get(sup.restartChild("b"));
        assertNotSame(first, second, "a terminated child comes back as a new actor");
        get(sup.terminateChild("b"));
        get(sup.deleteChild("b"));
        assertEquals(List.of("a"), settled(sup).stream().map(ChildInfo::id).toList());
        assertEquals(List.of("start a", "start b", "stop b", "start b", "stop b"), hooks);
    }

    @Test
    void shutdownStopsNewestFirstAndHonoursTimeouts() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        ActorFactory<Object> slowStop = ctx -> new Actor<>() {
            @Override
            public void receive(Object m) {
            }

            @Override
            public void onStop() {
                hooks.add("stop slow (begins)");
                try {
                    release.await(30, TimeUnit.SECONDS); // past its 50 ms shutdown timeout
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        ActorFactory<Object> brutal = ctx -> new Actor<>() {
            @Override
            public void receive(Object m) {
            }

            @Override
            public void onStop() {
                hooks.add("stop brutal");
            }
        };
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withChild(ChildSpec.of("first", worker("first")))
                .withChild(ChildSpec.of("slow", slowStop).withShutdown(Shutdown.timeout(Duration.ofMillis(50))))
                .withChild(ChildSpec.of("brutal", brutal).withShutdown(Shutdown.BRUTAL))
                .withChild(ChildSpec.of("last", worker("last"))));
        settled(sup);
        hooks.clear();
        try {
            CompletableFuture<Void> down = sup.shutdown().toCompletableFuture();
            passTimer(Duration.ofMillis(50));
            get(down);
            assertEquals(List.of("stop last", "stop slow (begins)", "stop first"), hooks,
                    "newest first; the brutal child's hook never runs; the slow one is not waited for");
            assertEquals(1, count(Kind.SHUTDOWN_TIMED_OUT));
            assertEquals(4, count(Kind.CHILD_STOPPED));
            assertEquals(1, release.getCount(), "the slow child was still in onStop when shutdown completed");
        } finally {
            release.countDown();
        }
    }

    @Test
    void restartIntensityCountsOnlyRestartsWithinItsPeriod() throws Exception {
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withIntensity(2, Duration.ofSeconds(10))
                .withChild(ChildSpec.of("w", worker("w"))));
        settled(sup);
        ActorRef<Object> w = system.<Object>find("sup/w").orElseThrow();
        for (int i = 1; i <= 2; i++) {
            int n = i;
            w.tell("boom");
            Await.until("restart " + n, () -> count(Kind.CHILD_RESTARTED) == n);
        }
        clock.advance(Duration.ofSeconds(10).plusNanos(1)); // both restarts leave the window
        for (int i = 3; i <= 4; i++) {
            int n = i;
            w.tell("boom");
            Await.until("restart " + n, () -> count(Kind.CHILD_RESTARTED) == n);
        }
        assertEquals(0, count(Kind.INTENSITY_EXCEEDED), "two restarts per 10 s are allowed");
        w.tell("boom"); // the third within 10 s of virtual time
        get(system.whenTerminated(sup.ref()));
        assertEquals(1, count(Kind.INTENSITY_EXCEEDED));
        assertEquals(4, count(Kind.CHILD_RESTARTED));
    }

    @Test
    void backoffDelaysRestartsExponentially() throws Exception {
        List<Long> starts = new CopyOnWriteArrayList<>();
        ActorFactory<Object> f = ctx -> new Actor<>() {
            @Override
            public void onStart() {
                starts.add(system.clock().nanoTime());
            }

            @Override
            public void receive(Object m) {
                throw new IllegalStateException("always");
            }
        };
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withIntensity(10, Duration.ofSeconds(10))
                .withBackoff(new Backoff(Duration.ofMillis(40), Duration.ofMillis(100), 0, Duration.ofSeconds(10)))
                .withChild(ChildSpec.of("f", f)));
        settled(sup);
        ActorRef<Object> ref = system.<Object>find("sup/f").orElseThrow();
        long[] expected = {40, 80, 100}; // doubling from 40 ms, capped at 100 ms
        for (int i = 1; i <= 3; i++) {
            int n = i;
            ref.tell("fail");
            passTimer(Duration.ofMillis(expected[i - 1]));
            Await.until(Duration.ofSeconds(10), () -> "restart " + n, () -> starts.size() == n + 1);
        }
        long[] gaps = new long[3];
        for (int i = 0; i < 3; i++) {
            gaps[i] = (starts.get(i + 1) - starts.get(i)) / 1_000_000;
        }
        assertArrayEquals(expected, gaps, "virtual ms between starts");
        assertSame(ref, settled(sup).get(0).ref(), "same ref after backed-off restarts");
    }

    @Test
    void autoShutdownWhenSignificantChildrenEnd() throws Exception {
        Supervisor any = supervision.start(system, "any", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withAutoShutdown(AutoShutdown.ANY_SIGNIFICANT)
                .withChild(ChildSpec.of("other", worker("other")))
                .withChild(ChildSpec.of("job", worker("job")).withRestart(RestartType.TRANSIENT).withSignificant(true)));
        settled(any);
        system.<Object>find("any/job").orElseThrow().tell("stop");
        get(system.whenTerminated(any.ref()));
        assertEquals(1, count(Kind.AUTO_SHUTDOWN));

        Supervisor all = supervision.start(system, "all", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withAutoShutdown(AutoShutdown.ALL_SIGNIFICANT)
                .withChild(ChildSpec.of("j1", worker("j1")).withRestart(RestartType.TEMPORARY).withSignificant(true))
                .withChild(ChildSpec.of("j2", worker("j2")).withRestart(RestartType.TRANSIENT).withSignificant(true)));
        settled(all);
        system.<Object>find("all/j1").orElseThrow().tell("boom"); // temporary: any exit counts
        Await.until("j1 gone", () -> system.find("all/j1").isEmpty());
        assertEquals(List.of("j2"), settled(all).stream().map(ChildInfo::id).toList());
        assertFalse(system.whenTerminated(all.ref()).toCompletableFuture().isDone(), "j2 still runs");
        system.<Object>find("all/j2").orElseThrow().tell("stop");
        get(system.whenTerminated(all.ref()));
        assertEquals(2, count(Kind.AUTO_SHUTDOWN));
    }

    @Test
    void dynamicChildrenFromATemplate() throws Exception {
        Supervisor pool = supervision.start(system, "pool", SupervisorSpec.dynamic(
                ChildSpec.of("worker", worker("w")).withRestart(RestartType.TRANSIENT))
                .withIntensity(100, Duration.ofSeconds(1)));
        List<CompletableFuture<ActorRef<?>>> started = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            started.add(pool.startChild().toCompletableFuture());
        }
        List<ActorRef<?>> refs = new ArrayList<>();
        for (CompletableFuture<ActorRef<?>> f : started) {
            refs.add(get(f));
        }
        assertEquals(200, refs.stream().distinct().count());
        @SuppressWarnings("unchecked")
        ActorRef<Object> first = (ActorRef<Object>) refs.get(0);
        first.tell("boom");
        Await.until("restarted", () -> count(Kind.CHILD_RESTARTED) == 1);
        first.tell("stop"); // transient, normal exit: removed
        Await.until("removed", () -> settled(pool).size() == 199);
        ActorRef<?> custom = get(pool.startChild(ctx -> m -> { }));
        assertTrue(settled(pool).stream().anyMatch(c -> c.id().equals(custom.name()) && c.ref() == custom),
                "a dynamic child's id is its generated actor name");
        assertInstanceOf(InvalidSpecException.class, failure(pool.startChild(ChildSpec.of("x", worker("x")))));
        get(pool.terminateChild(custom.name()));
        assertEquals(199, settled(pool).size());
    }

    @Test
    void startFailureOfAStaticChildFailsTheCommandAndKeepsNothing() throws Exception {
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE));
        ActorFactory<Object> broken = ctx -> new Actor<>() {
            @Override
            public void onStart() {
                throw new IllegalStateException("cannot start");
            }

            @Override
            public void receive(Object m) {
            }
        };
        Throwable t = failure(sup.startChild(ChildSpec.of("broken", broken)));
        assertTrue(t.getMessage().contains("cannot start"), t.toString());
        Await.until("gone", () -> system.find("sup/broken").isEmpty());
        assertEquals(List.of(), settled(sup));
    }

    @Test
    void serviceLoaderFindsTheImplementation() {
        assertInstanceOf(SupervisionService.class, Supervision.load());
    }

    @Test
    void repliesFailOnceTheSupervisorIsGone() throws Exception {
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE));
        get(sup.shutdown());
        assertInstanceOf(ActorNotFoundException.class, failure(sup.whichChildren()));
    }
}
