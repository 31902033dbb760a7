package io.hyphae.runtime.internal;

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
}
