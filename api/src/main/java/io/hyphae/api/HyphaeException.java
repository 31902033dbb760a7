package io.hyphae.api;

/**
 * Base of Hyphae's exceptions.
 */
public class HyphaeException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do
     */
    public HyphaeException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    public HyphaeException(String message, Throwable cause) {
        super(message, cause);
    }
}
