package io.hyphae.api.supervision;

import io.hyphae.api.HyphaeException;

/**
 * The failure a supervisor escalates to its parent after more restarts than its
 * intensity allows within its period. Its cause is the last child failure, if any.
 */
public class RestartIntensityExceededException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message which supervisor, how many restarts in which period
     * @param cause the last child failure, or null
     */
    public RestartIntensityExceededException(String message, Throwable cause) {
        super(message, cause);
    }
}
