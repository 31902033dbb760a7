package io.hyphae.supervisor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ExitReason;
import io.hyphae.api.supervision.Backoff;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.RestartIntensityExceededException;
import io.hyphae.api.supervision.RestartType;
import io.hyphae.api.supervision.Strategy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The supervisor's pure parts, without an actor system: the restart table, the intensity
 * window, the backoff clock and the restart groups.
 */
class SupervisionPartsTest {

    private static ChildSpec spec(String id, RestartType type) {
        return ChildSpec.of(id, ctx -> m -> { }).withRestart(type);
    }

    // ------------------------------------------------------------------ restart policy

    @Test
    void theOtpTableDecidesPerRestartTypeAndExit() {
        Throwable boom = new IllegalStateException("boom");
        for (RestartType type : RestartType.values()) {
            for (ExitReason exit : ExitReason.values()) {
                boolean expected = switch (type) {
                    case PERMANENT -> true;
                    case TRANSIENT -> exit == ExitReason.FAILURE;
                    case TEMPORARY -> false;
                };
                Throwable cause = exit == ExitReason.FAILURE ? boom : null;
                assertEquals(expected, RestartPolicy.restarts(spec("c", type), exit, cause), type + " after " + exit);
            }
        }
    }

    @Test
    void aNestedSupervisorThatGaveUpCountsAsShutdown() {
        Throwable gaveUp = new RestartIntensityExceededException("too many", null);
        assertEquals(ExitReason.SHUTDOWN, RestartPolicy.effectiveExit(ExitReason.FAILURE, gaveUp));
        assertFalse(RestartPolicy.restarts(spec("t", RestartType.TRANSIENT), ExitReason.FAILURE, gaveUp));
        assertTrue(RestartPolicy.restarts(spec("p", RestartType.PERMANENT), ExitReason.FAILURE, gaveUp));
    }

    @Test
    void causesTheSpecExcludesRestartNothing() {
        ChildSpec s = spec("p", RestartType.PERMANENT).withStopOn(IllegalArgumentException.class);
        assertFalse(RestartPolicy.restarts(s, ExitReason.FAILURE, new IllegalArgumentException()));
        assertTrue(RestartPolicy.restarts(s, ExitReason.FAILURE, new IllegalStateException()));
        assertTrue(RestartPolicy.restarts(s, ExitReason.NORMAL, null), "a normal exit has no cause to exclude");
    }

    // ------------------------------------------------------------------ intensity

    @Test
    void intensityCountsRestartsInASlidingWindow() {
        RestartIntensity i = new RestartIntensity(3, Duration.ofSeconds(5));
        long s = 1_000_000_000L;
        assertTrue(i.record(0));
        assertTrue(i.record(1 * s));
        assertTrue(i.record(2 * s));
        assertFalse(i.record(3 * s), "a fourth restart within 5 s");
        // At 7.5 s the restarts at 0, 1 and 2 s have left the window; 3 s is still in it.
        assertTrue(i.record(7_500_000_000L));
        assertTrue(i.record(7_600_000_000L));
        assertFalse(i.record(7_700_000_000L), "3 s, 7.5 s, 7.6 s and 7.7 s are four within 5 s");
    }

    @Test
    void zeroIntensityAllowsNoRestart() {
        assertFalse(new RestartIntensity(0, Duration.ofSeconds(1)).record(0));
    }

    // ------------------------------------------------------------------ backoff

    @Test
    void backoffDoublesUpToItsMaximumAndResetsAfterARun() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), 0.5, Duration.ofSeconds(10));
        BackoffClock clock = new BackoffClock(b, () -> 0.0);
        ChildRecord c = new ChildRecord(spec("c", RestartType.PERMANENT), null, false);
        List<Long> delays = new ArrayList<>();
        for (int n = 0; n < 6; n++) {
            delays.add(clock.next(c, 1).toMillis());
        }
        assertEquals(List.of(100L, 200L, 400L, 800L, 1_000L, 1_000L), delays);
        c.startedAt = 1;
        assertEquals(100, clock.next(c, 1 + Duration.ofSeconds(11).toNanos()).toMillis(),
                "a child that ran longer than resetAfter starts from the minimum again");
    }

    @Test
    void backoffJitterStretchesByTheRandomFactor() {
        Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1_000), 0.5, Duration.ofSeconds(10));
        ChildRecord c = new ChildRecord(spec("c", RestartType.PERMANENT), null, false);
        assertEquals(149, new BackoffClock(b, () -> 0.99).next(c, 1).toMillis());
    }

    @Test
    void centuriesOfBackoffSaturateInsteadOfOverflowing() {
        Backoff b = new Backoff(Duration.ofDays(365L * 1_000), Duration.ofDays(365L * 1_000), 1.0,
                Duration.ofDays(365L * 1_000));
        ChildRecord c = new ChildRecord(spec("c", RestartType.PERMANENT), null, false);
        assertEquals(Long.MAX_VALUE, new BackoffClock(b, () -> 0.5).next(c, 1).toNanos());
    }

    // ------------------------------------------------------------------ groups

    @Test
    void restartGroupsFollowTheStrategy() {
        ChildTable t = new ChildTable();
        ChildRecord a = t.add(new ChildRecord(spec("a", RestartType.PERMANENT), null, false));
        ChildRecord b = t.add(new ChildRecord(spec("b", RestartType.PERMANENT), null, false));
        ChildRecord c = t.add(new ChildRecord(spec("c", RestartType.PERMANENT), null, false));
        ChildRecord d = t.add(new ChildRecord(spec("d", RestartType.PERMANENT), null, false));
        d.state = ChildRecord.State.TERMINATED; // ended for good: stays so
        assertEquals(List.of(b), t.group(Strategy.ONE_FOR_ONE, b));
        assertEquals(List.of(a, b, c), t.group(Strategy.ONE_FOR_ALL, b));
        assertEquals(List.of(b, c), t.group(Strategy.REST_FOR_ONE, b));
        assertEquals(List.of(d), t.group(Strategy.REST_FOR_ONE, d), "the exited child is always in its group");
    }

    @Test
    void theTableFindsChildrenByIdAndByLiveRef() {
        ChildTable t = new ChildTable();
        ChildRecord a = t.add(new ChildRecord(spec("a", RestartType.PERMANENT), null, false));
        ActorRef<Object> ref = new ActorRef<>() {
            @Override
            public void tell(Object message) {
            }

            @Override
            public String name() {
                return "a";
            }

            @Override
            public String path() {
                return "sup/a";
            }
        };
        a.ref = ref;
        t.bind(a);
        assertEquals(a, t.byRef(ref));
        assertTrue(t.current(a));
        assertEquals(a, t.unbind(ref));
        assertEquals(null, t.byRef(ref));
        t.remove(a);
        assertFalse(t.contains("a"));
    }
}
