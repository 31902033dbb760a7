package io.hyphae.api.time;

import java.util.concurrent.RejectedExecutionException;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The time an actor system reads and schedules by: actor timers, ask timeouts, and the
 * supervisors' restart-intensity windows, backoff delays and shutdown timeouts all go
 * through it. The runtime's own clock is the JDK's ({@link System#nanoTime()} and one timer
 * thread); a test can hand the system a manual clock instead and move time by hand.
 *
 * <p>Waits that block a caller's thread (a sender held by a full mailbox,
 * {@code awaitTermination}) keep counting real time.
 *
 * <p>Tasks must be short and must not block: they only hand a message to a mailbox or
 * complete a future.
 */
@ConsumerType
public interface ActorClock {

    /**
     * A monotonic reading, for measuring intervals only.
     *
     * @return nanoseconds from an arbitrary origin
     */
    long nanoTime();

    /**
     * Wall-clock time, for timestamps.
     *
     * @return milliseconds since the epoch
     */
    long currentTimeMillis();

    /**
     * Runs {@code task} once after {@code delayNanos}.
     *
     * @param task what to run
     * @param delayNanos the delay, at least 0
     * @return a handle that cancels the task
     * @throws RejectedExecutionException if the clock no longer runs tasks
     */
    Cancellable schedule(Runnable task, long delayNanos);

    /**
     * Runs {@code task} after {@code initialDelayNanos}, then every {@code periodNanos}.
     *
     * @param task what to run
     * @param initialDelayNanos the first delay, at least 0
     * @param periodNanos the period, above 0
     * @return a handle that cancels the task
     * @throws RejectedExecutionException if the clock no longer runs tasks
     */
    Cancellable scheduleAtFixedRate(Runnable task, long initialDelayNanos, long periodNanos);
}
