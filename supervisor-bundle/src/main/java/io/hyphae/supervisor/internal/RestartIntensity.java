package io.hyphae.supervisor.internal;

import java.time.Duration;
import java.util.ArrayDeque;

/**
 * A supervisor's restart intensity: at most {@code intensity} restarts within any
 * {@code period}, counted in a sliding window of restart times.
 */
final class RestartIntensity {
    private final int intensity;
    private final long periodNanos;
    private final ArrayDeque<Long> times = new ArrayDeque<>();

    RestartIntensity(int intensity, Duration period) {
        this.intensity = intensity;
        this.periodNanos = BackoffClock.nanos(period);
    }

    /**
     * Records a restart at {@code now} (nanoseconds, any origin).
     *
     * @return false if it exceeds the intensity
     */
    boolean record(long now) {
        while (!times.isEmpty() && now - times.peekFirst() > periodNanos) {
            times.pollFirst();
        }
        times.addLast(now);
        return times.size() <= intensity;
    }
}
