package io.hyphae.supervisor.internal;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Subscription;
import io.hyphae.api.supervision.ChildInfo;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorEvent;
import io.hyphae.runtime.testsupport.Await;
import io.hyphae.testkit.ActorTestKit;
import io.hyphae.testkit.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * A fresh system and supervision service per test, with every event recorded. The system
 * runs on a manual clock: intensity windows, backoff delays and shutdown timeouts pass only
 * when a test advances {@link #clock}.
 */
abstract class SupervisorTestBase {

    protected ActorTestKit kit;
    protected ManualClock clock;
    protected ActorSystem system;
    protected SupervisionService supervision;
    protected final List<SupervisorEvent> events = new CopyOnWriteArrayList<>();
    /** Lifecycle hooks of {@link Worker}s, in the order they ran. */
    protected final List<String> hooks = new CopyOnWriteArrayList<>();
    private Subscription subscription;

    @BeforeEach
    void start(TestInfo info) {
        kit = ActorTestKit.builder()
                .name(info.getTestMethod().map(m -> m.getName()).orElse("test"))
                .dispatcherThreads(2)
                .manualClock()
                .build();
        clock = kit.clock();
        system = kit.system();
        supervision = new SupervisionService();
        subscription = supervision.subscribe(events::add);
    }

    @AfterEach
    void stop() {
        subscription.cancel();
        kit.close();
    }

    /**
     * Waits until the clock's next timer is due in exactly {@code delay} (a supervisor's
     * backoff or shutdown timeout, started asynchronously), then moves the clock by it.
     */
    protected void passTimer(Duration delay) {
        kit.awaitAssert(() -> {
            if (!clock.nextDue().equals(Optional.of(delay))) {
                throw new AssertionError("expected a timer due in " + delay + ", next due: " + clock.nextDue());
            }
        });
        clock.advance(delay);
    }

    protected long count(SupervisorEvent.Kind kind) {
        return events.stream().filter(e -> e.kind() == kind).count();
    }

    /** Waits until no child is between states, and returns the children. */
    protected static List<ChildInfo> settled(Supervisor sup) {
        AtomicReference<List<ChildInfo>> last = new AtomicReference<>();
        Await.until(Duration.ofSeconds(10), () -> "children to settle: " + last.get(), () -> {
            try {
                last.set(sup.whichChildren().toCompletableFuture().get(5, TimeUnit.SECONDS));
            } catch (Exception e) {
                throw new AssertionError(e);
            }
            return last.get().stream().noneMatch(c -> c.state() == ChildInfo.State.RESTARTING);
        });
        return last.get();
    }

    /**
     * A worker that records "start id" (first start and restart) and "stop id" (stop and
     * before a restart). "boom" throws, "stop" stops itself, anything else is counted.
     */
    protected class Worker implements Actor<Object> {
        final String id;
        final ActorContext<Object> ctx;
        int handled;

        Worker(String id, ActorContext<Object> ctx) {
            this.id = id;
            this.ctx = ctx;
        }

        @Override
        public void onStart() {
            hooks.add("start " + id);
        }

        @Override
        public void onStop() {
            hooks.add("stop " + id);
        }

        @Override
        public void receive(Object message) {
            if ("boom".equals(message)) {
                throw new IllegalStateException("boom in " + id);
            }
            if ("stop".equals(message)) {
                ctx.stop(ctx.self());
                return;
            }
            if (message instanceof java.util.concurrent.CompletableFuture<?> f) {
                @SuppressWarnings("unchecked")
                java.util.concurrent.CompletableFuture<Integer> answer =
                        (java.util.concurrent.CompletableFuture<Integer>) f;
                answer.complete(handled);
                return;
            }
            handled++;
        }
    }

    /** A child that blocks in its handler on "block" until the latch opens. */
    protected io.hyphae.api.ActorFactory<Object> blocker(String id, CountDownLatch entered,
            CountDownLatch release) {
        return ctx -> new Worker(id, ctx) {
            @Override
            public void receive(Object message) {
                if ("block".equals(message)) {
                    entered.countDown();
                    try {
                        release.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return;
                }
                super.receive(message);
            }
        };
    }

    protected io.hyphae.api.ActorFactory<Object> worker(String id) {
        return ctx -> new Worker(id, ctx);
    }
}
