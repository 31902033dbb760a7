package io.hyphae.perf.workload;

/**
 * The state of one benchmark for one run: made by its {@link Spec}, then invoked until each
 * iteration's time is up, verified, and torn down. Every wait inside has a deadline, so a
 * benchmark whose messages go missing fails instead of hanging the shell.
 */
public interface Bench {

    /**
     * Untimed preparation before each invocation.
     *
     * @throws Exception if it fails
     */
    default void beforeInvocation() throws Exception {
    }

    /**
     * One timed invocation. With more than one thread, every thread calls this at once.
     *
     * @return the operations it did; in {@link Mode#SINGLE_SHOT}, the measurement itself
     * @throws Exception if it fails or a deadline passes
     */
    double invoke() throws Exception;

    /**
     * Untimed clean-up after each invocation.
     *
     * @throws Exception if it fails
     */
    default void afterInvocation() throws Exception {
    }

    /**
     * Checks after the last invocation that nothing was lost or duplicated.
     *
     * @throws Exception naming what went wrong
     */
    default void verify() throws Exception {
    }

    /**
     * Stops what the benchmark started; called once, after the last invocation or a failure.
     *
     * @throws Exception if it cannot
     */
    default void tearDown() throws Exception {
    }
}
