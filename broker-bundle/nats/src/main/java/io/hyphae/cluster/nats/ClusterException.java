package io.hyphae.cluster.nats;

import io.hyphae.api.HyphaeException;

/** The cluster cannot do what was asked: no server reachable, credentials refused, a message too large. */
public class ClusterException extends HyphaeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public ClusterException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public ClusterException(String message, Throwable cause) {
        super(message, cause);
    }
}
