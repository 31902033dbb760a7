package io.hyphae.api.receptionist;

import io.hyphae.api.HyphaeException;

/** The actor is already registered under that key; cancel the first registration to change it. */
public class DuplicateRegistrationException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do
     */
    public DuplicateRegistrationException(String message) {
        super(message);
    }
}
