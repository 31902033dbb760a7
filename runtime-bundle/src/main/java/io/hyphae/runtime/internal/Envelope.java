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

    /** What a dead letter about {@code message} carries: a timer's message rather than its envelope. */
    static Object unwrap(Object message) {
        return message instanceof TimerMessage t ? t.message : message;
    }
}
