package io.hyphae.api;

import java.util.Objects;

/**
 * A message that could not be delivered.
 *
 * @param message the message
 * @param recipient where it was sent
 * @param reason why it was not delivered
 */
public record DeadLetter(Object message, ActorRef<?> recipient, Reason reason) {

    /**
     * Creates a dead letter.
     *
     * @param message the message, not null
     * @param recipient where it was sent, not null
     * @param reason why it was not delivered, not null
     */
    public DeadLetter {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(reason, "reason");
    }

    /** Why a message was not delivered. */
    public enum Reason {
        /** The recipient had stopped, or stopped with the message still queued. */
        RECIPIENT_TERMINATED,
        /** The recipient's bounded mailbox was full (overflow DROP_NEWEST, or BLOCK timed out). */
        MAILBOX_FULL,
        /** The message was the oldest in a full mailbox with overflow DROP_OLDEST. */
        EVICTED,
        /** A reply to an ask that had already completed or timed out. */
        LATE_REPLY,
        /** A published message that no subscriber matched. */
        NO_SUBSCRIBER,
        /**
         * A message whose class came from code that an upgrade replaced (such as the old
         * revision of an updated bundle), which the new code did not convert; see
         * {@link Upgradable#convertMessage}.
         */
        REPLACED_CODE,
        /** Told to a router that had no routee. */
        NO_ROUTEE,
        /**
         * Received from another node but not decodable: malformed, of a type the codec does
         * not allow, or too large. The letter carries a description, not the bytes.
         */
        UNDECODABLE
    }
}
