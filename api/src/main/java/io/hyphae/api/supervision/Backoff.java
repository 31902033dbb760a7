package io.hyphae.api.supervision;

import io.hyphae.api.InvalidConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * Exponential backoff between a child's exit and its restart: the n-th consecutive
 * restart waits {@code min * 2^(n-1)}, capped at {@code max}, stretched by up to
 * {@code randomFactor} (0.2 = up to 20% longer). The count resets once the child has run
 * for {@code resetAfter} without exiting. Restarts still count against the intensity.
 *
 * @param min the first delay, positive
 * @param max the longest delay, at least {@code min}
 * @param randomFactor 0..1
 * @param resetAfter running time that resets the count, positive
 */
public record Backoff(Duration min, Duration max, double randomFactor, Duration resetAfter) {

    /**
     * Validates the values.
     *
     * @param min the first delay
     * @param max the longest delay
     * @param randomFactor 0..1
     * @param resetAfter running time that resets the count
     * @throws InvalidConfigurationException naming the bad value
     */
    public Backoff {
        Objects.requireNonNull(min, "min");
        Objects.requireNonNull(max, "max");
        Objects.requireNonNull(resetAfter, "resetAfter");
        if (min.isZero() || min.isNegative()) {
            throw new InvalidConfigurationException("backoff min must be positive, was " + min);
        }
        if (max.compareTo(min) < 0) {
            throw new InvalidConfigurationException("backoff max (" + max + ") must not be below min (" + min + ")");
        }
        if (!(randomFactor >= 0 && randomFactor <= 1)) {
            throw new InvalidConfigurationException("backoff randomFactor must be within 0..1, was " + randomFactor);
        }
        if (resetAfter.isZero() || resetAfter.isNegative()) {
            throw new InvalidConfigurationException("backoff resetAfter must be positive, was " + resetAfter);
        }
    }

    /**
     * Backoff from {@code min} to {@code max}, 20% jitter, reset after {@code max} of running.
     *
     * @param min the first delay
     * @param max the longest delay
     * @return the backoff
     */
    public static Backoff of(Duration min, Duration max) {
        return new Backoff(min, max, 0.2, max);
    }

    /**
     * The delay before the {@code n}-th consecutive restart (1-based), before jitter.
     *
     * @param n the restart count, at least 1
     * @return the delay
     */
    public Duration delay(int n) {
        // Duration arithmetic, not nanoseconds: a delay of centuries must not overflow.
        Duration half = max.dividedBy(2);
        Duration d = min;
        for (int i = Math.max(n, 1) - 1; i > 0 && d.compareTo(max) < 0; i--) {
            d = d.compareTo(half) > 0 ? max : d.multipliedBy(2);
        }
        return d.compareTo(max) > 0 ? max : d;
    }
}
