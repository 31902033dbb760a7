package io.hyphae.api.broker;

import java.util.Map;
import java.util.Objects;

/**
 * What an envelope subscriber ({@link MessageBroker#subscribeEnvelopes}) receives: the
 * message with the topic it was published on and the pattern that matched it.
 *
 * @param topic the topic the message was published on
 * @param pattern the subscription's pattern
 * @param message the message
 */
public record Published(String topic, TopicPattern pattern, Object message) {

    /**
     * Creates the envelope.
     *
     * @param topic not null
     * @param pattern not null
     * @param message not null
     */
    public Published {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The value of a named segment of the pattern, for example {@code id} in
     * {@code users/{id}/events}.
     *
     * @param name the segment's name
     * @return its value in this topic
     * @throws IllegalArgumentException if the pattern has no segment of that name
     */
    public String param(String name) {
        return pattern.param(topic, name);
    }

    /**
     * All named segments' values.
     *
     * @return name to value, in pattern order
     */
    public Map<String, String> params() {
        return pattern.params(topic);
    }
}
