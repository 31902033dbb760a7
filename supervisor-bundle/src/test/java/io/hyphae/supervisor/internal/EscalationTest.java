package io.hyphae.supervisor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.supervision.ChildInfo;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.RestartIntensityExceededException;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorEvent;
import io.hyphae.api.supervision.SupervisorEvent.Kind;
import io.hyphae.api.supervision.SupervisorSpec;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Restart intensity exceeded at each level of a root → mid → leaf tree. */
class EscalationTest extends SupervisorTestBase {

    private Supervisor tree(boolean terminateSystem) {
        SupervisorSpec mid = SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withChild(ChildSpec.of("leaf", worker("leaf")));
        SupervisorSpec root = SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                .withChild(ChildSpec.of("other", worker("other")))
                .withChild(ChildSpec.supervisor("mid", supervision.factory(mid)))
                .withEscalationTerminatesSystem(terminateSystem);
        return supervision.start(system, "root", root);
    }

    private ActorRef<Object> leaf() {
        return system.<Object>find("root/mid/leaf").orElseThrow();
    }

    @Test
    void intensityExceededEscalatesLevelByLevel() throws Exception {
        Supervisor root = tree(false);
        List<ChildInfo> start = settled(root);
        assertEquals(List.of("other", "mid"), start.stream().map(ChildInfo::id).toList());
        driveToRootEscalation(root);
        assertEquals(3, count(Kind.INTENSITY_EXCEEDED), "mid twice, then root: " + events);
        List<String> escalations = events.stream().filter(e -> e.kind() == Kind.ESCALATED)
                .map(SupervisorEvent::supervisor).toList();
        assertEquals(List.of("root/mid", "root/mid", "root"), escalations);
        assertTrue(system.find("root/other").isEmpty() && system.find("root/mid").isEmpty(), "tree gone");
        // root stopped its children newest first: mid (and under it, leaf) before other.
        List<String> tail = hooks.subList(hooks.size() - 2, hooks.size());
        assertEquals(List.of("stop leaf", "stop other"), tail);
        assertTrue(!system.whenTerminated(system.spawnAnonymous(c -> m -> { })).toCompletableFuture().isDone(),
                "the system keeps running when the root escalates by default");
    }

    /** Fails the leaf until the root gives up; checks each level on the way. */
    private void driveToRootEscalation(Supervisor root) throws Exception {
        Await.until("leaf started", () -> hooks.contains("start leaf"));

        // 1st leaf failure: mid restarts it (1 restart in 5 s is allowed).
        leaf().tell("boom");
        Await.until("leaf restarted", () -> count(Kind.CHILD_RESTARTED) == 1);
        assertEquals(0, count(Kind.INTENSITY_EXCEEDED));

        // 2nd: mid exceeds its intensity, stops leaf, escalates; root restarts mid (fresh),
        // which starts a fresh leaf.
        leaf().tell("boom");
        Await.until(Duration.ofSeconds(10), () -> "mid restarted: " + events,
                () -> events.stream().anyMatch(e -> e.kind() == Kind.CHILD_RESTARTED && "mid".equals(e.childId())));
        assertEquals(1, count(Kind.INTENSITY_EXCEEDED));
        SupervisorEvent escalated = events.stream().filter(e -> e.kind() == Kind.ESCALATED).findFirst().orElseThrow();
        assertEquals("root/mid", escalated.supervisor());
        assertInstanceOf(RestartIntensityExceededException.class, escalated.cause());
        Await.until("fresh leaf", () -> system.find("root/mid/leaf").isPresent() && hooks.stream()
                .filter("start leaf"::equals).count() == 3);

        // 3rd and 4th: the fresh mid allows one restart, then escalates again; that is
        // root's second restart within 5 s, so root exceeds its own intensity and stops.
        leaf().tell("boom");
        Await.until("leaf restarted by the new mid", () -> hooks.stream().filter("start leaf"::equals).count() == 4);
        leaf().tell("boom");
        system.whenTerminated(root.ref()).toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void rootEscalationCanTerminateTheSystem() throws Exception {
        Supervisor root = tree(true);
        driveToRootEscalation(root);
        assertTrue(system.awaitTermination(Duration.ofSeconds(10)), "the system terminated");
        assertEquals(List.of("root/mid", "root/mid", "root"), events.stream().filter(e -> e.kind() == Kind.ESCALATED)
                .map(SupervisorEvent::supervisor).toList());
        assertTrue(system.whenTerminated(root.ref()).toCompletableFuture().isDone());
    }
}
