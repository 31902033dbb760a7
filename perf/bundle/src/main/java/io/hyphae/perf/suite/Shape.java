package io.hyphae.perf.suite;

import java.time.Duration;

/**
 * How long a benchmark runs.
 *
 * @param warmups untimed iterations first
 * @param iterations measured iterations
 * @param time the length of every iteration
 */
record Shape(int warmups, int iterations, Duration time) {

    /** The smoke shape: enough to show a broken benchmark, not enough to trust the numbers. */
    static final Shape QUICK = new Shape(1, 3, Duration.ofMillis(200));
    /** The default shape, as the JMH suite's short command line. */
    static final Shape FULL = new Shape(2, 5, Duration.ofSeconds(1));
}
