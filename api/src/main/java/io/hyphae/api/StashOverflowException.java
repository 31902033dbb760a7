package io.hyphae.api;

/** A message was stashed into a full {@link Stash}; it was not kept. */
public class StashOverflowException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do
     */
    public StashOverflowException(String message) {
        super(message);
    }
}
