package io.hyphae.api.routing;

import io.hyphae.api.ActorRef;
import java.util.List;
import org.osgi.annotation.versioning.ProviderType;

/**
 * An {@link ActorRef} that hands each message to one or more routees, chosen by its
 * {@link RoutingLogic} on the sender's thread. A message told while there is no routee
 * becomes a dead letter ({@code NO_ROUTEE}).
 *
 * @param <M> the routees' message type
 */
@ProviderType
public interface Router<M> extends ActorRef<M> {

    /**
     * The actors messages are routed to now.
     *
     * @return the routees
     */
    List<ActorRef<M>> routees();

    /**
     * Changes the number of a pool's workers: new ones start, or the newest leave the routing
     * at once, finish what is queued for them and then stop.
     *
     * @param size the new size, at least 1
     * @throws IllegalArgumentException if {@code size} is below 1
     * @throws UnsupportedOperationException for a group, whose routees the receptionist lists
     */
    void resize(int size);

    /** Stops the router: a pool stops its workers, a group stops following the receptionist. */
    void stop();

    /**
     * The actor behind this router: a pool's supervisor, or the actor that follows a group's
     * listing. The router routes while it lives. A router registered with the receptionist
     * is listed until this actor stops.
     *
     * @return the actor
     */
    ActorRef<?> actor();
}
