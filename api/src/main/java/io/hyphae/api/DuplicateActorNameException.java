package io.hyphae.api;

/**
 * A live sibling already has the requested name.
 */
public class DuplicateActorNameException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do
     */
    public DuplicateActorNameException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    public DuplicateActorNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
