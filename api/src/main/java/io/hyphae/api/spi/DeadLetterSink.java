package io.hyphae.api.spi;

import io.hyphae.api.ActorRef;
import io.hyphae.api.DeadLetter;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Where a component that routes on a system's behalf (a broker, a router) reports what it
 * could not deliver. Reached through {@code ActorSystem.unwrap(DeadLetterSink.class)}.
 */
@ProviderType
public interface DeadLetterSink {

    /**
     * Records a message that could not be delivered: counted in the system's metrics and
     * passed to dead-letter subscribers like the runtime's own.
     * {@link DeadLetter.Reason#NO_SUBSCRIBER} letters are counted, never logged one by one.
     *
     * @param message the message, not null
     * @param recipient where it was addressed, not null
     * @param reason why it was not delivered, not null
     */
    void deadLetter(Object message, ActorRef<?> recipient, DeadLetter.Reason reason);
}
