package io.hyphae.cluster.nats;

import io.hyphae.api.HyphaeException;

/** A message that cannot be encoded, or bytes that cannot be decoded (malformed, or a type not allowed). */
public class CodecException extends HyphaeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what went wrong
     */
    public CodecException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what went wrong
     * @param cause the underlying failure
     */
    public CodecException(String message, Throwable cause) {
        super(message, cause);
    }
}
