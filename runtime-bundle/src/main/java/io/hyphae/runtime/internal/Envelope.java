package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxSpec;
import java.util.Comparator;

/**
 * Something the runtime itself puts in a mailbox besides user messages (a timer's
 * message, a death-watch notice). It travels through the mailbox so that it keeps its
 * place among the user messages, and it is opened on the actor's turn.
 */
abstract class Envelope {

    /**
     * Opens this envelope on the cell's turn.
     *
     * @param cell the cell whose turn it is
     * @return the user message to hand to {@code receive}, or null if there is none
     */
    abstract Object open(ActorCell<?> cell);

    /**
     * What a dead letter about this envelope carries when the actor has stopped with it
     * queued: the user's message inside it, or null for the runtime's own notices and
     * timers, which are dropped.
     */
    Object letter() {
        return null;
    }

    /** What a dead letter about {@code message} carries: the message inside an envelope rather than the envelope. */
    static Object unwrap(Object message) {
        if (message instanceof TimerMessage t) {
            return t.message;
        }
        Object inside = message instanceof Envelope e ? e.letter() : null;
        return inside != null ? inside : message;
    }

    /**
     * The spec a cell's mailboxes are made with: an ordered spec's comparator is applied
     * to the actor's messages only, with the runtime's envelopes before them in arrival
     * order (they are not of the actor's type, and timers and replies should not wait
     * behind a backlog).
     */
    static MailboxSpec envelopesFirst(MailboxSpec spec) {
        if (!spec.isOrdered() || spec.order() instanceof EnvelopesFirst) {
            return spec;
        }
        return spec.withOrder(new EnvelopesFirst(spec.order()));
    }

    /** Envelopes first, equal among themselves; the actor's messages by its comparator. */
    private record EnvelopesFirst(Comparator<Object> order) implements Comparator<Object> {
        @Override
        public int compare(Object a, Object b) {
            boolean ea = a instanceof Envelope;
            boolean eb = b instanceof Envelope;
            if (ea || eb) {
                return ea == eb ? 0 : ea ? -1 : 1;
            }
            return order.compare(a, b);
        }
    }
}
