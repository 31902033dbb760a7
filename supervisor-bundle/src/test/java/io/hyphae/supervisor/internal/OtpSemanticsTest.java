package io.hyphae.supervisor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.hyphae.api.ActorRef;
import io.hyphae.api.supervision.ChildInfo;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.RestartType;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorEvent;
import io.hyphae.api.supervision.SupervisorSpec;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every strategy × restart type × exit kind: children a, b, c start in order (a and c
 * permanent, b of the type under test), b exits, and the observed sequence of stop and
 * start hooks must be the one OTP's supervisor defines.
 */
class OtpSemanticsTest extends SupervisorTestBase {

    enum ExitKind { NORMAL, EXCEPTION, SHUTDOWN }

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (Strategy s : List.of(Strategy.ONE_FOR_ONE, Strategy.ONE_FOR_ALL, Strategy.REST_FOR_ONE)) {
            for (RestartType r : RestartType.values()) {
                for (ExitKind e : ExitKind.values()) {
                    rows.add(Arguments.of(s, r, e));
                }
            }
        }
        return rows.stream();
    }

    /** The OTP-defined hook sequence after b exits. */
    static List<String> expected(Strategy strategy, RestartType type, ExitKind exit) {
        boolean restart = switch (type) {
            case PERMANENT -> true;
            case TRANSIENT -> exit == ExitKind.EXCEPTION;
            case TEMPORARY -> false;
        };
        if (!restart) {
            return List.of("stop b");
        }
        return switch (strategy) {
            case ONE_FOR_ONE, DYNAMIC -> List.of("stop b", "start b");
            case ONE_FOR_ALL -> List.of("stop b", "stop c", "stop a", "start a", "start b", "start c");
            case REST_FOR_ONE -> List.of("stop b", "stop c", "start b", "start c");
        };
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("table")
    void childExitFollowsOtp(Strategy strategy, RestartType type, ExitKind exit) throws Exception {
        SupervisorSpec spec = SupervisorSpec.of(strategy).withIntensity(10, Duration.ofSeconds(5))
                .withChild(ChildSpec.of("a", worker("a")))
                .withChild(ChildSpec.of("b", worker("b")).withRestart(type))
                .withChild(ChildSpec.of("c", worker("c")));
        Supervisor sup = supervision.start(system, "sup", spec);
        List<ChildInfo> before = settled(sup);
        assertEquals(List.of("start a", "start b", "start c"), hooks, "children start in order");
        hooks.clear();
        @SuppressWarnings("unchecked")
        ActorRef<Object> b = (ActorRef<Object>) before.get(1).ref();
        switch (exit) {
            case NORMAL -> b.tell("stop");
            case EXCEPTION -> b.tell("boom");
            case SHUTDOWN -> system.stop(b);
        }
        List<String> want = expected(strategy, type, exit);
        Await.until(Duration.ofSeconds(10), () -> "hooks " + want + ", saw " + hooks, () -> hooks.size() >= want.size());
        // The hooks run on the children's threads; wait until the supervisor has seen the end too.
        long restarts = want.stream().filter(h -> h.startsWith("start")).count();
        Await.until(Duration.ofSeconds(10), () -> "supervisor events " + events,
                () -> restarts > 0 ? count(SupervisorEvent.Kind.CHILD_RESTARTED) >= restarts
                        : count(SupervisorEvent.Kind.CHILD_STOPPED) >= 1);
        List<ChildInfo> after = settled(sup);
        assertEquals(want, hooks, strategy + " " + type + " " + exit);

        boolean restarted = want.size() > 1;
        List<String> ids = after.stream().map(ChildInfo::id).toList();
        if (type == RestartType.TEMPORARY) {
            assertEquals(List.of("a", "c"), ids, "a temporary child is removed");
        } else {
            assertEquals(List.of("a", "b", "c"), ids);
            assertEquals(restarted ? ChildInfo.State.RUNNING : ChildInfo.State.TERMINATED, after.get(1).state());
        }
        assertEquals(restarts, count(SupervisorEvent.Kind.CHILD_RESTARTED), "one restart event per restarted child");
        assertEquals(exit == ExitKind.EXCEPTION ? 1 : 0, count(SupervisorEvent.Kind.CHILD_FAILED));
        assertEquals(restarted ? 0 : 1, count(SupervisorEvent.Kind.CHILD_STOPPED));

        // Every running child still answers, through the ref the supervisor reports.
        for (ChildInfo c : after) {
            if (c.state() == ChildInfo.State.RUNNING) {
                assertNotNull(c.ref());
                CompletableFuture<Integer> handled = new CompletableFuture<>();
                @SuppressWarnings("unchecked")
                ActorRef<Object> ref = (ActorRef<Object>) c.ref();
                ref.tell(handled);
                handled.get(5, TimeUnit.SECONDS);
            }
        }
        sup.shutdown().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
}
