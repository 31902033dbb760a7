package io.hyphae.runtime.internal;

import java.time.Duration;

/** Duration arithmetic that saturates instead of overflowing. */
final class Durations {

    private Durations() {
    }

    /**
     * The duration in nanoseconds, or {@code Long.MAX_VALUE} (about 292 years) if it is
     * longer: every wait in the runtime treats that as "never".
     *
     * @param d a non-negative duration
     * @return its nanoseconds, saturated
     */
    static long nanos(Duration d) {
        return d.compareTo(MAX) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }

    private static final Duration MAX = Duration.ofNanos(Long.MAX_VALUE);
}
