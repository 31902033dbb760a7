package io.hyphae.api;

/**
 * An actor's factory or {@link Actor#onStart} failed; the cause is attached.
 */
public class ActorInitializationException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do
     */
    public ActorInitializationException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    public ActorInitializationException(String message, Throwable cause) {
        super(message, cause);
    }
}
