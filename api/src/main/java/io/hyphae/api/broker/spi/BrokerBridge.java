package io.hyphae.api.broker.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Carries a broker's publishes beyond it, for example to the other nodes of a cluster.
 * Attached with {@link io.hyphae.api.broker.MessageBroker#bridge}: from then on every
 * publish and request on a topic the bridge {@link #carries} is handed to it on the
 * publisher's thread, before the local subscribers get it. Subscriptions stay where they
 * are, so attaching or detaching a bridge moves nothing and loses nothing locally.
 */
@ConsumerType
public interface BrokerBridge {

    /**
     * Whether this bridge carries a topic; called on every publish, so it must be cheap. A
     * bridge that publishes what it receives into the same broker answers false for those
     * publishes, so they do not travel back.
     *
     * @param topic a valid topic
     * @return true to be handed the publish
     */
    boolean carries(String topic);

    /**
     * Sends a publish on. Throwing refuses the publish: no local subscriber gets it, and the
     * publisher sees the exception (a message that cannot be encoded, for example).
     *
     * @param topic the topic
     * @param message the message
     */
    void forward(String topic, Object message);
}
