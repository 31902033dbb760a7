package io.hyphae.api.broker;

import io.hyphae.api.HyphaeException;

/**
 * A request was published on a topic that no subscriber matched.
 */
public class NoRespondersException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong
     */
    public NoRespondersException(String message) {
        super(message);
    }
}
