package io.hyphae.supervisor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorInitializationException;
import io.hyphae.api.ActorRef;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.supervision.ChildInfo;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorEvent.Kind;
import io.hyphae.api.supervision.SupervisorSpec;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A child terminated by command is started again only by {@code restartChild}, even when a
 * restart planned before the termination is still queued behind other work. The chaos run
 * found the supervisor starting such a child twice under one name
 * ({@code DuplicateActorNameException}); this test builds the same order of events on
 * purpose.
 */
class RestartChildOrderTest extends SupervisorTestBase {

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void aRestartPlannedBeforeTerminateChildLeavesTheChildToRestartChild() throws Exception {
        // Instance 2 of "a" fails to start: in the faulty order, the stale restart makes it,
        // its failure plans one more restart, and restartChild's own start then finds the
        // name still taken.
        AtomicInteger instances = new AtomicInteger();
        ActorFactory<Object> a = ctx -> {
            int n = instances.incrementAndGet();
            return new Worker("a", ctx) {
                @Override
                public void onStart() {
                    super.onStart();
                    if (n == 2) {
                        throw new IllegalStateException("instance 2 of a does not start");
                    }
                }
            };
        };
        CountDownLatch bEntered = new CountDownLatch(1);
        CountDownLatch bRelease = new CountDownLatch(1);
        CountDownLatch cEntered = new CountDownLatch(1);
        CountDownLatch cRelease = new CountDownLatch(1);
        // The blocked children keep their own threads, not the two the supervisor needs.
        SpawnOptions blocking = SpawnOptions.defaults().withDispatcher("blocking");
        try {
            Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                    .withIntensity(100, Duration.ofSeconds(1))
                    .withChild(ChildSpec.of("a", a))
                    .withChild(ChildSpec.of("b", blocker("b", bEntered, bRelease)).withOptions(blocking))
                    .withChild(ChildSpec.of("c", blocker("c", cEntered, cRelease)).withOptions(blocking)));
            settled(sup);
            system.<Object>find("sup/b").orElseThrow().tell("block");
            system.<Object>find("sup/c").orElseThrow().tell("block");
            assertTrue(bEntered.await(5, TimeUnit.SECONDS) && cEntered.await(5, TimeUnit.SECONDS));
            ActorRef<Object> first = system.<Object>find("sup/a").orElseThrow();

            // The steps: stop b (waits: b is blocked), stop a, stop c (waits), then the
            // restart of a that its failure plans while the supervisor is busy.
            CompletableFuture<Void> bStopped = sup.terminateChild("b").toCompletableFuture();
            CompletableFuture<Void> aStopped = sup.terminateChild("a").toCompletableFuture();
            CompletableFuture<Void> cStopped = sup.terminateChild("c").toCompletableFuture();
            get(sup.whichChildren()); // the three commands have been taken
            first.tell("boom");
            Await.until(Duration.ofSeconds(10), () -> "a's failure: " + events,
                    () -> events.stream().anyMatch(e -> e.kind() == Kind.CHILD_FAILED && "a".equals(e.childId())));

            bRelease.countDown();
            get(bStopped);
            get(aStopped);
            assertTrue(system.find("sup/a").isEmpty(), "a has terminated");
            // Queued behind the stop of c and the planned restart of a.
            CompletableFuture<ActorRef<?>> restarted = sup.restartChild("a").toCompletableFuture();
            get(sup.whichChildren());
            cRelease.countDown();
            get(cStopped);

            // restartChild made instance 2 itself, and reports its failure to start.
            Throwable failure = failureOf(restarted);
            assertInstanceOf(ActorInitializationException.class, failure, "restartChild's own start failed: "
                    + failure);
            assertEquals(2, instances.get(), "only restartChild made an instance");
            // The child stays, terminated once its failed instance has gone, and the next
            // restartChild starts it.
            assertEquals(ChildInfo.State.TERMINATED, settled(sup).get(0).state());
            ActorRef<?> fresh = get(sup.restartChild("a"));
            assertEquals(3, instances.get());
            assertSame(fresh, system.find("sup/a").orElseThrow());
            List<ChildInfo> children = settled(sup);
            assertEquals(ChildInfo.State.RUNNING, children.get(0).state(), children.toString());
            assertEquals("a", children.get(0).id());
        } finally {
            bRelease.countDown();
            cRelease.countDown();
        }
    }

    private static Throwable failureOf(CompletableFuture<?> f) throws Exception {
        try {
            f.get(10, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            return e.getCause();
        }
        throw new AssertionError("expected restartChild to fail, got " + f.join());
    }
}
