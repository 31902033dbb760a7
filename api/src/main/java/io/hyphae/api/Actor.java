package io.hyphae.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An actor: handles one message at a time. Only {@link #receive} must be written; the
 * lifecycle hooks default to doing nothing.
 *
 * <p>Lifecycle: {@link #onStart} runs before the first message. On failure the parent
 * decides; a restart calls {@link #preRestart} on the failed instance, stops its
 * children, creates a fresh instance with the {@link ActorFactory} and calls
 * {@link #postRestart} on it. When the actor stops, its children stop first, then
 * {@link #onStop} runs.
 *
 * @param <M> the type of message the actor accepts
 */
@ConsumerType
@FunctionalInterface
public interface Actor<M> {

    /**
     * Handles one message.
     *
     * @param message the message
     * @throws Exception to signal failure: the actor is suspended and its parent decides
     */
    void receive(M message) throws Exception;

    /**
     * Handles a signal, such as {@link Terminated} for a watched actor.
     *
     * @param signal the signal
     * @throws Exception to signal failure, as for {@link #receive}
     */
    default void onSignal(Signal signal) throws Exception {
    }

    /**
     * Runs once before the first message.
     *
     * @throws Exception to signal failure; the parent sees an
     *         {@link ActorInitializationException}
     */
    default void onStart() throws Exception {
    }

    /**
     * Runs once when the actor stops, after its children stopped. Exceptions are logged
     * and otherwise ignored.
     */
    default void onStop() {
    }

    /**
     * Runs on the failed instance before a restart. Defaults to {@link #onStop}.
     *
     * @param cause the failure that caused the restart
     */
    default void preRestart(Throwable cause) {
        onStop();
    }

    /**
     * Runs on the fresh instance after a restart, before the next message. Defaults to
     * {@link #onStart}.
     *
     * @param cause the failure that caused the restart
     * @throws Exception to signal failure
     */
    default void postRestart(Throwable cause) throws Exception {
        onStart();
    }

    /**
     * Decides what happens to a child that failed. Runs on this actor's turn. The default
     * is {@link Directive#defaultFor}: stop on an initialization failure, restart on any
     * other exception, escalate an {@link Error}.
     *
     * @param child the failed child, suspended until the decision is carried out
     * @param cause what the child threw
     * @return the decision, not null
     */
    default Directive onChildFailure(ActorRef<?> child, Throwable cause) {
        return Directive.defaultFor(cause);
    }
}
