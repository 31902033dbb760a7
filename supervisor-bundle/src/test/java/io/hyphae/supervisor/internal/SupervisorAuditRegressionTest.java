package io.hyphae.supervisor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.supervision.Backoff;
import io.hyphae.api.supervision.ChildInfo;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.RestartType;
import io.hyphae.api.supervision.Shutdown;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorCommand;
import io.hyphae.api.supervision.SupervisorEvent.Kind;
import io.hyphae.api.supervision.SupervisorSpec;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * One test per supervisor defect of the reliability audit (issue 22), each failing on the
 * code before its fix; the number in each name is the audit's.
 */
class SupervisorAuditRegressionTest extends SupervisorTestBase {

    private static final Duration MILLENNIUM = Duration.ofDays(365L * 1000);

    private static <T> T get(java.util.concurrent.CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void d06StoppedByTheSystemAChildlessSupervisorHonoursShutdownSpecsAndStartOrder() throws Exception {
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withChild(ChildSpec.of("a", worker("a")).withShutdown(Shutdown.BRUTAL))
                .withChild(ChildSpec.of("b", worker("b")))
                .withChild(ChildSpec.of("c", worker("c"))));
        settled(sup);
        // b stops itself and, being permanent, comes back as a new actor: the runtime now
        // lists it after c, but the supervisor's start order is still a, b, c.
        ActorRef<Object> b = system.<Object>find("sup/b").orElseThrow();
        b.tell("stop");
        Await.until("b restarted", () -> count(Kind.CHILD_RESTARTED) == 1);
        assertNotSame(b, system.find("sup/b").orElseThrow());
        hooks.clear();
        system.stop(sup.ref());
        get(system.whenTerminated(sup.ref()));
        assertEquals(List.of("stop c", "stop b"), hooks, "newest first by start order; the BRUTAL child runs no hook");
    }

    @Test
    void d06And09ANestedSupervisorStoppedByItsParentAppliesTheShutdownTimeout() throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            Supervisor top = supervision.start(system, "top", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                    .withChild(ChildSpec.supervisor("inner", supervision.factory(SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                            .withChild(ChildSpec.of("slow", blocker("slow", entered, release))
                                    .withShutdown(Shutdown.timeout(Duration.ofMillis(200))))))));
            settled(top);
            // The inner supervisor has seen its child start before the child blocks its
            // dispatcher thread: a start notice queued behind a blocked handler on that
            // thread's hand-off slot waits for the handler (see the dispatcher).
            settled(supervision.handle(system, system.<SupervisorCommand>find("top/inner").orElseThrow()));
            system.<Object>find("top/inner/slow").orElseThrow().tell("block");
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            // The parent stops it as the system's termination does; the system itself ends
            // only when the blocked thread returns (a JVM thread cannot be killed).
            system.stop(top.ref());
            passTimer(Duration.ofMillis(200));
            get(system.whenTerminated(top.ref()));
            assertEquals(1, count(Kind.SHUTDOWN_TIMED_OUT), "the 200 ms timeout applied: " + events);
            assertEquals(1, release.getCount(), "termination did not wait for the child past its timeout");
        } finally {
            release.countDown();
        }
    }

    /** Starts "sup" with one child that has the shutdown timeout and is now blocked in its handler. */
    private Supervisor supervisorWithABlockedChild(String id, Duration timeout, CountDownLatch release)
            throws Exception {
        CountDownLatch entered = new CountDownLatch(1);
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withChild(ChildSpec.of(id, blocker(id, entered, release)).withShutdown(Shutdown.timeout(timeout))));
        settled(sup);
        system.<Object>find("sup/" + id).orElseThrow().tell("block");
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        return sup;
    }

    @Test
    void d07RestartChildAfterATimedOutTerminateChildKeepsTheChild() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            Supervisor sup = supervisorWithABlockedChild("x", Duration.ofMillis(100), release);
            CompletableFuture<Void> terminated = sup.terminateChild("x").toCompletableFuture();
            passTimer(Duration.ofMillis(100));
            get(terminated);
            ActorRef<?> fresh = get(sup.restartChild("x"));
            assertEquals("sup/x", fresh.path());
            List<ChildInfo> children = settled(sup);
            assertEquals(1, children.size(), children.toString());
            assertEquals(ChildInfo.State.RUNNING, children.get(0).state());
            assertSame(fresh, system.find("sup/x").orElseThrow(), "the name belongs to the new actor");
        } finally {
            release.countDown();
        }
    }

    @Test
    void d09AShutdownTimeoutBoundsTheSupervisorsOwnShutdown() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            Supervisor sup = supervisorWithABlockedChild("slow", Duration.ofMillis(200), release);
            CompletableFuture<Void> down = sup.shutdown().toCompletableFuture();
            passTimer(Duration.ofMillis(200));
            down.get(10, TimeUnit.SECONDS);
            assertEquals(1, count(Kind.SHUTDOWN_TIMED_OUT));
            assertEquals(1, release.getCount(), "the supervisor finished while its child was still in its handler");
        } finally {
            release.countDown();
        }
    }

    @Test
    void d10ALongButValidShutdownTimeoutOrBackoffDoesNotCrashTheSupervisor() throws Exception {
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withBackoff(Backoff.of(MILLENNIUM, MILLENNIUM))
                .withChild(ChildSpec.of("w", worker("w")).withShutdown(Shutdown.timeout(MILLENNIUM))));
        settled(sup);
        system.<Object>find("sup/w").orElseThrow().tell("boom"); // restart waits a millennium
        Await.until("failure seen", () -> count(Kind.CHILD_FAILED) == 1);
        get(sup.whichChildren()); // the supervisor still answers
        get(sup.shutdown());
        assertEquals(0, count(Kind.ESCALATED), events.toString());
    }

    @Test
    void d13WhichChildrenWaitsForTheInitialChildren() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try {
            Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                    .withChild(ChildSpec.of("slow", ctx -> new Actor<Object>() {
                        @Override
                        public void onStart() throws Exception {
                            release.await(10, TimeUnit.SECONDS);
                        }

                        @Override
                        public void receive(Object m) {
                        }
                    })));
            CompletableFuture<List<ChildInfo>> which = sup.whichChildren().toCompletableFuture();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(300);
            while (!which.isDone() && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertFalse(which.isDone(), "answered before the initial child started: " + which.getNow(null));
            release.countDown();
            List<ChildInfo> children = which.get(10, TimeUnit.SECONDS);
            assertEquals(ChildInfo.State.RUNNING, children.get(0).state());
        } finally {
            release.countDown();
        }
    }

    @Test
    void d16ATransientNestedSupervisorThatGivesUpIsNotRestarted() throws Exception {
        Supervisor top = supervision.start(system, "top", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withChild(ChildSpec.supervisor("inner", supervision.factory(SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                        .withIntensity(0, Duration.ofSeconds(5))
                        .withChild(ChildSpec.of("w", worker("w")))))
                        .withRestart(RestartType.TRANSIENT)));
        settled(top);
        system.<Object>find("top/inner/w").orElseThrow().tell("boom");
        Await.until("inner gave up", () -> count(Kind.INTENSITY_EXCEEDED) == 1);
        Await.until("inner terminated", () -> {
            try {
                return get(top.whichChildren()).get(0).state() == ChildInfo.State.TERMINATED;
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        });
        assertEquals(0, count(Kind.CHILD_RESTARTED), "a transient supervisor that exits with shutdown stays down");
    }

    @Test
    void d05ToolsGetTheSameHandleForALiveSupervisor() throws Exception {
        Supervisor sup = supervision.start(system, "sup", SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withChild(ChildSpec.of("w", worker("w"))));
        settled(sup);
        Supervisor first = supervision.supervisors().get(0);
        for (int i = 0; i < 100; i++) {
            assertSame(first, supervision.supervisors().get(0), "a poll must not watch the supervisor again");
        }
    }
}
