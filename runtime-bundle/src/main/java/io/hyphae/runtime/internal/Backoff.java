package io.hyphae.runtime.internal;

import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The one way the runtime waits without a lock: spin while an answer is likely to come
 * within microseconds (waking a parked thread costs more than that), then park in short
 * slices. Used by the dispatcher's idle threads, by a thread blocked on an ask, and by a
 * sender waiting for room in a full {@code BLOCK} mailbox.
 */
final class Backoff {

    /** Attempts that spin before {@link #pause} starts to park. */
    static final int SPINS = 100;

    private Backoff() {
    }

    /**
     * Spins until {@code done} holds or {@code spinNanos} have passed.
     *
     * @return whether {@code done} held
     */
    static boolean spinUntil(BooleanSupplier done, long spinNanos) {
        if (done.getAsBoolean()) {
            return true;
        }
        if (spinNanos <= 0) {
            return false;
        }
        long deadline = System.nanoTime() + spinNanos;
        while (System.nanoTime() - deadline < 0) {
            Thread.onSpinWait();
            if (done.getAsBoolean()) {
                return true;
            }
        }
        return false;
    }

    /**
     * One wait between two attempts of a retry loop: a spin hint for the first
     * {@value #SPINS} attempts, then a park of at most {@code maxParkNanos}.
     *
     * @param attempt how many attempts failed so far
     * @param maxParkNanos the longest park, e.g. the time left until a deadline
     */
    static void pause(int attempt, long maxParkNanos) {
        if (attempt < SPINS) {
            Thread.onSpinWait();
        } else {
            LockSupport.parkNanos(maxParkNanos);
        }
    }
}
