package io.hyphae.api.spi;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ExitReason;
import io.hyphae.api.time.Cancellable;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * A ref to an actor outside this system, implemented by a transport such as the cluster
 * bundle. The runtime accepts such refs where it accepts its own: an actor may
 * {@link io.hyphae.api.ActorContext#watch watch} one and gets {@code Terminated} when it
 * stops or becomes unreachable, {@link io.hyphae.api.ActorSystem#whenTerminated} completes
 * then, and an ask to one fails with {@link io.hyphae.api.ActorUnreachableException} at
 * that moment instead of waiting for its timeout.
 *
 * <p>Unlike local refs, two remote refs that address the same actor are equal.
 *
 * @param <M> the type of message the actor accepts
 */
@ConsumerType
public interface RemoteRef<M> extends ActorRef<M> {

    /**
     * Calls {@code gone} once, on any thread, when the actor is known to have stopped or to be
     * unreachable; at once (possibly on the caller's thread) if that is already known.
     *
     * @param gone receives why: the actor's own exit reason if its node reported it, or
     *        {@link ExitReason#UNREACHABLE}
     * @return stops the watch; {@code gone} is not called after it returns true
     */
    Cancellable whenGone(Consumer<ExitReason> gone);
}
