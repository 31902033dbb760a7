package io.hyphae.api;

/**
 * The actor system has been terminated, or is terminating.
 */
public class SystemTerminatedException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do
     */
    public SystemTerminatedException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    public SystemTerminatedException(String message, Throwable cause) {
        super(message, cause);
    }
}
