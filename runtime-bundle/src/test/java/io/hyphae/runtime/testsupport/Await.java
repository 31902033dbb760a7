package io.hyphae.runtime.testsupport;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waits for a condition with a deadline instead of sleeping. */
public final class Await {

    private Await() {
    }

    /**
     * Polls {@code condition} until it holds or {@code timeout} passes.
     *
     * @param timeout the deadline
     * @param what describes the condition for the failure message
     * @param condition the condition
     */
    public static void until(Duration timeout, Supplier<String> what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        long pause = 10_000;
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what.get());
            }
            java.util.concurrent.locks.LockSupport.parkNanos(pause);
            pause = Math.min(pause * 2, 10_000_000);
        }
    }

    /**
     * Waits until {@code counter} reaches {@code target}, failing as soon as it makes no
     * progress for {@code stall}: a lost message or a lost wake-up shows up quickly.
     *
     * @param what describes the counter
     * @param target the value to reach
     * @param stall the longest pause in progress tolerated
     * @param counter reads the counter
     */
    public static void progress(String what, long target, Duration stall, java.util.function.LongSupplier counter) {
        long last = counter.getAsLong();
        long lastChange = System.nanoTime();
        while (last < target) {
            java.util.concurrent.locks.LockSupport.parkNanos(1_000_000);
            long now = counter.getAsLong();
            if (now != last) {
                last = now;
                lastChange = System.nanoTime();
            } else if (System.nanoTime() - lastChange > stall.toNanos()) {
                throw new AssertionError(what + ": stalled at " + now + " of " + target + " for " + stall);
            }
        }
    }

    /** {@link #until(Duration, Supplier, BooleanSupplier)} with 10 seconds. */
    public static void until(String what, BooleanSupplier condition) {
        until(Duration.ofSeconds(10), () -> what, condition);
    }
}
