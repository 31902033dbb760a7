package io.hyphae.api.shutdown;

import io.hyphae.api.time.Cancellable;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A system's coordinated shutdown: the {@link ShutdownPhase phases} run in order, each with
 * the tasks added for it and the runtime's own step, each bounded by its timeout
 * ({@link ShutdownPhase#timeoutKey()} in the system's configuration). It runs once, for the
 * first of: {@link #run}, {@code ActorSystem.terminate()} or {@code close()}, the stop of
 * the container or of the runtime bundle, and the JVM's exit (a shutdown hook, unless
 * {@code shutdown.jvmHook} is false).
 *
 * <pre>{@code
 * CoordinatedShutdown cs = system.coordinatedShutdown();
 * cs.addTask(ShutdownPhase.STOP_ACCEPTING, "unbind http", () -> server.unbind());
 * cs.addTask(ShutdownPhase.CLOSE_SERVICES, "close pool", () -> {
 *     pool.close();
 *     return CompletableFuture.completedFuture(null);
 * });
 * }</pre>
 *
 * <p>Tasks run on the shutdown's own thread (a stage they return may complete anywhere);
 * the timeout is measured in real time, whatever clock the system was given. A task that
 * throws or fails is reported and does not stop the shutdown.
 */
@ProviderType
public interface CoordinatedShutdown {

    /**
     * Adds a task to a phase that has not started.
     *
     * @param phase when it runs
     * @param name its name in the report, not blank
     * @param task called once when the phase starts; the phase waits for the stage it
     *        returns (null counts as done)
     * @return cancels the task if its phase has not started; a task added through a
     *         bundle's system is cancelled when that bundle releases the system
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the name is blank
     * @throws io.hyphae.api.SystemTerminatedException if the phase has started
     */
    Cancellable addTask(ShutdownPhase phase, String name, Supplier<? extends CompletionStage<?>> task);

    /**
     * Starts the shutdown, or joins the one under way.
     *
     * @param reason why, kept only if this call starts it
     * @return completes with the report once the last phase ended
     * @throws NullPointerException if the reason is null
     * @throws UnsupportedOperationException through a bundle's share of a container's
     *         system, which only the container stops
     */
    CompletionStage<ShutdownReport> run(ShutdownReason reason);

    /**
     * Why the shutdown runs.
     *
     * @return the reason, or empty if it has not started
     */
    Optional<ShutdownReason> reason();

    /**
     * The timeout of a phase, from the system's configuration.
     *
     * @param phase the phase
     * @return its timeout
     */
    Duration timeout(ShutdownPhase phase);
}
