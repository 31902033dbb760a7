package io.hyphae.broker.internal;

import io.hyphae.api.ActorRef;
import io.hyphae.api.broker.NoRespondersException;

/**
 * A topic seen as an actor ref: the addressee of a request (so {@code ActorSystem.ask}
 * can drive it) and the recipient of unrouted dead letters. Its path is
 * {@code broker:<topic>}.
 */
final class TopicRef implements ActorRef<Object> {

    private final Broker broker;
    private final String topic;

    TopicRef(Broker broker, String topic) {
        this.broker = broker;
        this.topic = topic;
    }

    /** Publishes a request; no match, here or through a bridge, fails the request at once. */
    @Override
    public void tell(Object message) {
        if (broker.deliver(topic, message, true) == 0) {
            throw new NoRespondersException("no subscriber matches topic '" + topic + "'");
        }
    }

    @Override
    public String name() {
        return topic;
    }

    @Override
    public String path() {
        return "broker:" + topic;
    }

    @Override
    public String toString() {
        return path();
    }
}
