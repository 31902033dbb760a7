package io.hyphae.api;

/**
 * An ask was not answered in time.
 */
public class AskTimeoutException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do
     */
    public AskTimeoutException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    public AskTimeoutException(String message, Throwable cause) {
        super(message, cause);
    }
}
