package io.hyphae.api.dispatch;

import java.time.Duration;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Runs actor turns for one actor system. See the package description for the contract.
 */
@ConsumerType
public interface Dispatcher {

    /**
     * Runs {@code turn} soon on one of this dispatcher's threads. Never blocks; may be
     * called from any thread, including this dispatcher's own. The runtime never passes a
     * turn that is already queued or running, so a turn never runs concurrently with
     * itself.
     *
     * @param turn the turn; not null
     */
    void execute(Runnable turn);

    /**
     * Runs {@code turn}, which just used up its throughput, behind the turns already
     * waiting, so a busy actor cannot starve others. By default the same as
     * {@link #execute}, which is right for a dispatcher with one FIFO queue.
     *
     * @param turn the turn; not null
     */
    default void executeYielded(Runnable turn) {
        execute(turn);
    }

    /**
     * The number of threads, or -1 if a thread is started per turn (virtual threads).
     *
     * @return the thread count
     */
    int threads();

    /**
     * Runs what is queued, then lets the threads end. Turns handed over later run on the
     * calling thread. Idempotent.
     */
    void shutdown();

    /**
     * Waits until the threads have ended after {@link #shutdown}.
     *
     * @param timeout how long to wait
     * @return true if they ended in time
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException;
}
