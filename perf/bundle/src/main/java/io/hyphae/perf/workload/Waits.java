package io.hyphae.perf.workload;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/** Waits with a deadline: a lost message fails its benchmark instead of hanging it. */
public final class Waits {

    /** Nothing in one invocation may take longer than this. */
    public static final long SECONDS = 30;

    private Waits() {
    }

    /**
     * Waits for a stage.
     *
     * @param stage the stage
     * @param what what it stands for, for the error
     * @return its value
     * @throws TimeoutException if it is not done within {@value #SECONDS} s
     * @throws ExecutionException if it failed
     * @throws InterruptedException if interrupted
     */
    public static <T> T await(CompletionStage<T> stage, String what)
            throws TimeoutException, ExecutionException, InterruptedException {
        try {
            return stage.toCompletableFuture().get(SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new TimeoutException(what + " did not happen within " + SECONDS + " s");
        }
    }

    /**
     * Spins until a condition holds. Spinning, not parking, keeps thread wake-ups out of
     * the measurement, as the JMH benchmarks do.
     *
     * @param done the condition
     * @param what what it stands for, for the error
     * @throws TimeoutException if it does not hold within {@value #SECONDS} s
     * @throws InterruptedException if interrupted (Ctrl-C in the shell)
     */
    public static void spinUntil(BooleanSupplier done, String what) throws TimeoutException, InterruptedException {
        long deadline = 0;
        int spins = 0;
        while (!done.getAsBoolean()) {
            if ((++spins & 0x3ff) == 0) {
                if (Thread.interrupted()) {
                    throw new InterruptedException("interrupted while waiting for " + what);
                }
                long now = System.nanoTime();
                if (deadline == 0) {
                    deadline = now + TimeUnit.SECONDS.toNanos(SECONDS);
                } else if (now > deadline) {
                    throw new TimeoutException(what + " did not happen within " + SECONDS + " s");
                }
            }
            Thread.onSpinWait();
        }
    }
}
