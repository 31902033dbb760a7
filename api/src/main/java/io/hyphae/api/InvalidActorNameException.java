package io.hyphae.api;

/**
 * A name is not a valid path segment (empty, too long, containing {@code /}, or starting with {@code $}).
 */
public class InvalidActorNameException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do
     */
    public InvalidActorNameException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    public InvalidActorNameException(String message, Throwable cause) {
        super(message, cause);
    }
}
