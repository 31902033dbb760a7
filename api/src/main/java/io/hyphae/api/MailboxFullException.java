package io.hyphae.api;

/**
 * A bounded mailbox with overflow {@link io.hyphae.api.mailbox.Overflow#REJECT} was full; the message was not accepted.
 */
public class MailboxFullException extends HyphaeException {

    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what was wrong and what to do
     */
    public MailboxFullException(String message) {
        super(message);
    }

    /**
     * Creates the exception with a cause.
     *
     * @param message what was wrong and what to do
     * @param cause the underlying failure
     */
    public MailboxFullException(String message, Throwable cause) {
        super(message, cause);
    }
}
