package io.hyphae.api.supervision;

import io.hyphae.api.InvalidConfigurationException;

/** A {@link ChildSpec} or {@link SupervisorSpec} that cannot work, rejected when it is built. */
public class InvalidSpecException extends InvalidConfigurationException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what is wrong and what to do
     */
    public InvalidSpecException(String message) {
        super(message);
    }
}
