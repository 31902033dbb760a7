package io.hyphae.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.time.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The manual clock on its own, without an actor system. */
class ManualClockTest {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-01-01T00:00:00Z"));

    @Test
    void tasksRunInDueOrderWithTheClockAtTheirDueTime() {
        List<String> ran = new ArrayList<>();
        clock.schedule(() -> ran.add("c@" + clock.nanoTime()), 300);
        clock.schedule(() -> ran.add("a@" + clock.nanoTime()), 100);
        clock.schedule(() -> ran.add("b1@" + clock.nanoTime()), 200);
        clock.schedule(() -> ran.add("b2@" + clock.nanoTime()), 200);
        clock.advance(Duration.ofNanos(250));
        assertEquals(List.of("a@100", "b1@200", "b2@200"), ran);
        assertEquals(250, clock.nanoTime());
        assertEquals(1, clock.pendingTasks());
        assertEquals(Optional.of(Duration.ofNanos(50)), clock.nextDue());
        clock.advance(Duration.ofNanos(50));
        assertEquals("c@300", ran.get(3));
        assertEquals(Optional.empty(), clock.nextDue());
    }

    @Test
    void aPeriodicTaskRunsOncePerPeriodPassedUntilCancelled() {
        List<Long> ticks = new ArrayList<>();
        Cancellable c = clock.scheduleAtFixedRate(() -> ticks.add(clock.nanoTime()), 10, 10);
        clock.advance(Duration.ofNanos(35));
        assertEquals(List.of(10L, 20L, 30L), ticks);
        assertTrue(c.cancel());
        assertFalse(c.cancel(), "cancelling twice does nothing");
        clock.advance(Duration.ofNanos(100));
        assertEquals(3, ticks.size());
        assertEquals(0, clock.pendingTasks());
    }

    @Test
    void aTaskScheduledByADueTaskRunsInTheSameAdvanceIfItFallsDue() {
        List<Long> ran = new ArrayList<>();
        clock.schedule(() -> clock.schedule(() -> ran.add(clock.nanoTime()), 5), 10);
        clock.advance(Duration.ofNanos(20));
        assertEquals(List.of(15L), ran);
    }

    @Test
    void cancelledAndRunTasksNeverRunAgain() {
        List<String> ran = new ArrayList<>();
        Cancellable a = clock.schedule(() -> ran.add("a"), 10);
        Cancellable b = clock.schedule(() -> ran.add("b"), 10);
        assertTrue(a.cancel());
        clock.advance(Duration.ofNanos(10));
        assertEquals(List.of("b"), ran);
        assertFalse(b.cancel(), "a task that ran cannot be cancelled");
    }

    @Test
    void wallTimeFollowsTheMonotonicReading() {
        clock.advance(Duration.ofMinutes(90));
        assertEquals(Instant.parse("2026-01-01T01:30:00Z"), clock.instant());
        assertEquals(Instant.parse("2026-01-01T01:30:00Z").toEpochMilli(), clock.currentTimeMillis());
        assertEquals(Duration.ofMinutes(90), clock.elapsed());
    }

    @Test
    void hugeDelaysSaturateInsteadOfOverflowing() {
        List<String> ran = new ArrayList<>();
        clock.advance(Duration.ofDays(1));
        clock.schedule(() -> ran.add("never"), Long.MAX_VALUE);
        clock.advance(ChronoUnit.FOREVER.getDuration());
        assertEquals(Long.MAX_VALUE, clock.nanoTime());
        assertEquals(List.of("never"), ran, "due at the end of time, which the clock has reached");
    }

    @Test
    void badInputIsRejectedWithTypedErrors() {
        IllegalArgumentException back = assertThrows(IllegalArgumentException.class,
                () -> clock.advance(Duration.ofSeconds(-1)));
        assertTrue(back.getMessage().contains("only moves forward"), back.getMessage());
        assertThrows(IllegalArgumentException.class, () -> clock.schedule(() -> { }, -1));
        assertThrows(IllegalArgumentException.class, () -> clock.scheduleAtFixedRate(() -> { }, 0, 0));
        assertThrows(NullPointerException.class, () -> clock.schedule(null, 1));
        assertThrows(NullPointerException.class, () -> clock.advance(null));
        assertEquals(0, clock.nanoTime(), "nothing moved");
    }
}
