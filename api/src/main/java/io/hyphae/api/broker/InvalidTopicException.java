package io.hyphae.api.broker;

import io.hyphae.api.HyphaeException;

/**
 * A malformed topic or topic pattern. The message names the offending segment.
 */
public class InvalidTopicException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    private final String topic;
    private final int segment;

    /**
     * Creates the exception.
     *
     * @param topic the topic or pattern as given (may be null)
     * @param segment the index of the offending segment, from 0, or -1 for the whole text
     * @param message what was wrong and what to do
     */
    public InvalidTopicException(String topic, int segment, String message) {
        super(message);
        this.topic = topic;
        this.segment = segment;
    }

    /**
     * The topic or pattern as given.
     *
     * @return the text, or null
     */
    public String topic() {
        return topic;
    }

    /**
     * The offending segment's index.
     *
     * @return from 0, or -1 when the whole text is wrong (null, empty, too long)
     */
    public int segment() {
        return segment;
    }
}
