package io.hyphae.supervisor.internal;

import io.hyphae.api.supervision.Backoff;
import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * The delay before a child's next restart under a {@link Backoff}: the base delay for the
 * restart count, stretched by a random factor; the count resets once the child has run
 * for {@code resetAfter}. The random source is injected so the delays can be tested.
 */
final class BackoffClock {
    private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    private final Backoff backoff;
    private final DoubleSupplier random;

    /**
     * @param backoff the settings
     * @param random uniform values in [0, 1)
     */
    BackoffClock(Backoff backoff, DoubleSupplier random) {
        this.backoff = backoff;
        this.random = random;
    }

    /** The delay before restarting {@code c} at {@code now}; counts the restart. */
    Duration next(ChildRecord c, long now) {
        if (c.startedAt != 0 && now - c.startedAt > nanos(backoff.resetAfter())) {
            c.backoffCount = 0;
        }
        if (c.backoffCount < Integer.MAX_VALUE) {
            c.backoffCount++;
        }
        Duration base = backoff.delay(c.backoffCount);
        double stretch = 1 + random.getAsDouble() * backoff.randomFactor();
        // A double beyond the long range converts to Long.MAX_VALUE: saturates, never overflows.
        return Duration.ofNanos((long) (nanos(base) * stretch));
    }

    /** Nanoseconds of a duration, saturated at about 292 years: a longer wait is "never". */
    static long nanos(Duration d) {
        return d.compareTo(MAX_NANOS) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }
}
