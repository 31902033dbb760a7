package io.hyphae.api;

/**
 * An ask failed early because its target can no longer answer: a remote actor that stopped,
 * or whose node left the cluster, before the reply came.
 */
public class ActorUnreachableException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do
     */
    public ActorUnreachableException(String message) {
        super(message);
    }
}
