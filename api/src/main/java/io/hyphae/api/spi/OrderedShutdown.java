package io.hyphae.api.spi;

import io.hyphae.api.ExitReason;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * An actor that stops its own children, in its own order and within its own time limits,
 * when something else stops it: the way an OTP supervisor traps its parent's exit signal
 * and runs its shutdown before it exits.
 *
 * <p>An actor that implements this interface besides {@link io.hyphae.api.Actor} is not
 * taken down by the runtime when its parent, {@code ActorSystem.stop} or
 * {@code ActorSystem.terminate()} stops it gracefully. The runtime calls
 * {@link #onStopRequested} on the actor's turn instead, and the actor keeps running
 * (messages, signals, timers) until it stops itself with {@code ctx.stop(ctx.self())};
 * the exit reason is the requested one. A brutal stop ({@code ActorContext.kill}), a stop
 * while the actor is not running (failed, restarting, halted), and a failure after the
 * request all stop it at once, with the runtime's own child order (newest first).
 * Further stop requests are ignored while one is in progress.
 */
@ConsumerType
public interface OrderedShutdown {

    /**
     * A stop was requested; stop the children as needed, then stop yourself.
     *
     * @param reason why the actor is asked to stop: {@link ExitReason#SHUTDOWN} from a
     *        parent, the system or {@code ActorSystem.stop}, {@link ExitReason#FAILURE}
     *        when a parent's directive stops it
     * @throws Exception to give up: the runtime then stops the actor at once
     */
    void onStopRequested(ExitReason reason) throws Exception;
}
