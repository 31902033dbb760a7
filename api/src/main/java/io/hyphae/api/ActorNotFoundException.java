package io.hyphae.api;

/**
 * No live actor has the requested path.
 */
public class ActorNotFoundException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do
     */
    public ActorNotFoundException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    public ActorNotFoundException(String message, Throwable cause) {
        super(message, cause);
    }
}
