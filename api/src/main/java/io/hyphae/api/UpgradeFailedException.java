package io.hyphae.api;

/**
 * A code upgrade could not be carried out: the new factory or the state migration threw, or
 * the actor was not running (stopping, restarting or halted). When the new code failed, the
 * actor's parent decides as for any failure; a restart then uses the new factory.
 */
public class UpgradeFailedException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * An upgrade failure.
     *
     * @param message what happened
     * @param cause what the new code threw, or null
     */
    public UpgradeFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
