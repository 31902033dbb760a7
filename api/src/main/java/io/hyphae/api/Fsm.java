package io.hyphae.api;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiConsumer;

/**
 * An actor that is a finite-state machine, in the manner of OTP's {@code gen_statem}: each
 * state has a handler, a handler answers every message with a {@link Transition} (stay, go
 * to another state, or stop), and a state may have a timeout that delivers a message of the
 * actor's own type if the machine is still in that state when it expires. Data lives in the
 * handlers' enclosing object.
 *
 * <pre>{@code
 * ActorFactory<Door> door = ctx -> Fsm.<State, Door>builder(ctx, State.LOCKED)
 *         .when(State.LOCKED, m -> m instanceof Code c && c.ok() ? Fsm.goTo(State.OPEN) : Fsm.stay())
 *         .when(State.OPEN, m -> m instanceof Close ? Fsm.goTo(State.LOCKED) : Fsm.stay())
 *         .stateTimeout(State.OPEN, Duration.ofSeconds(10), new Close())
 *         .build();
 * }</pre>
 *
 * <p>A message that the current state has no handler for goes to the handler given to
 * {@link Builder#whenUnhandled}, or is logged and ignored. A state timeout starts when the
 * machine enters the state and is cancelled when it leaves it; staying, or going to the
 * state it is in, keeps it running. A restart builds a fresh machine in its initial state.
 *
 * @param <S> the states, usually an enum
 * @param <M> the actor's message type
 */
public final class Fsm<S, M> implements Actor<M> {

    /**
     * What a state does with a message.
     *
     * @param <S> the states
     * @param <M> the messages
     */
    @FunctionalInterface
    public interface Handler<S, M> {
        /**
         * Handles a message in this state.
         *
         * @param message the message
         * @return what happens next, not null
         * @throws Exception to fail the actor
         */
        Transition<S> handle(M message) throws Exception;
    }

    /**
     * What a handler decides: stay, go to a state, or stop the actor.
     *
     * @param <S> the states
     */
    public static final class Transition<S> {
        private static final Transition<?> STAY = new Transition<>(null, false);
        private static final Transition<?> STOP = new Transition<>(null, true);

        private final S target;
        private final boolean stop;

        private Transition(S target, boolean stop) {
            this.target = target;
            this.stop = stop;
        }

        @Override
        public String toString() {
            return stop ? "stop" : target == null ? "stay" : "goTo(" + target + ")";
        }
    }

    /**
     * Stays in the current state; its timeout keeps running.
     *
     * @param <S> the states
     * @return the transition
     */
    @SuppressWarnings("unchecked")
    public static <S> Transition<S> stay() {
        return (Transition<S>) Transition.STAY;
    }

    /**
     * Goes to a state. Going to the current state is staying.
     *
     * @param <S> the states
     * @param state the next state, not null
     * @return the transition
     */
    public static <S> Transition<S> goTo(S state) {
        return new Transition<>(Objects.requireNonNull(state, "state"), false);
    }

    /**
     * Stops the actor.
     *
     * @param <S> the states
     * @return the transition
     */
    @SuppressWarnings("unchecked")
    public static <S> Transition<S> stop() {
        return (Transition<S>) Transition.STOP;
    }

    /**
     * Starts describing a machine.
     *
     * @param <S> the states
     * @param <M> the actor's message type
     * @param context the actor's context, from its factory
     * @param initial the state it starts in
     * @return the builder
     */
    public static <S, M> Builder<S, M> builder(ActorContext<M> context, S initial) {
        return new Builder<>(Objects.requireNonNull(context, "context"), Objects.requireNonNull(initial, "initial"));
    }

    /**
     * Describes a machine: a handler per state, timeouts, a transition listener.
     *
     * @param <S> the states
     * @param <M> the actor's message type
     */
    public static final class Builder<S, M> {
        private final ActorContext<M> context;
        private final S initial;
        private final Map<S, Handler<S, M>> handlers = new HashMap<>();
        private final Map<S, Duration> timeouts = new HashMap<>();
        private final Map<S, M> timeoutMessages = new HashMap<>();
        private Handler<S, M> unhandled;
        private BiConsumer<S, S> onTransition = (from, to) -> { };

        private Builder(ActorContext<M> context, S initial) {
            this.context = context;
            this.initial = initial;
        }

        /**
         * The handler of a state.
         *
         * @param state the state
         * @param handler what it does with a message
         * @return this builder
         * @throws IllegalArgumentException if the state has a handler already
         */
        public Builder<S, M> when(S state, Handler<S, M> handler) {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(handler, "handler");
            if (handlers.putIfAbsent(state, handler) != null) {
                throw new IllegalArgumentException("state " + state + " has a handler already");
            }
            return this;
        }

        /**
         * What handles a message the current state has no handler for; without it, such a
         * message is logged and ignored.
         *
         * @param handler the handler
         * @return this builder
         */
        public Builder<S, M> whenUnhandled(Handler<S, M> handler) {
            this.unhandled = Objects.requireNonNull(handler, "handler");
            return this;
        }

        /**
         * A timeout of a state: if the machine is still in {@code state} after {@code timeout},
         * it receives {@code message}.
         *
         * @param state the state
         * @param timeout how long, positive
         * @param message what it then receives
         * @return this builder
         * @throws IllegalArgumentException if the timeout is zero or negative
         */
        public Builder<S, M> stateTimeout(S state, Duration timeout, M message) {
            Objects.requireNonNull(state, "state");
            Objects.requireNonNull(message, "message");
            if (Objects.requireNonNull(timeout, "timeout").isZero() || timeout.isNegative()) {
                throw new IllegalArgumentException("a state timeout must be positive, was " + timeout);
            }
            timeouts.put(state, timeout);
            timeoutMessages.put(state, message);
            return this;
        }

        /**
         * Called on every change of state, after the handler returned.
         *
         * @param listener gets the old and the new state
         * @return this builder
         */
        public Builder<S, M> onTransition(BiConsumer<S, S> listener) {
            this.onTransition = Objects.requireNonNull(listener, "listener");
            return this;
        }

        /**
         * The machine, in its initial state; that state's timeout starts now.
         *
         * @return the actor
         */
        public Fsm<S, M> build() {
            return new Fsm<>(this);
        }
    }

    private final ActorContext<M> context;
    private final Map<S, Handler<S, M>> handlers;
    private final Map<S, Duration> timeouts;
    private final Map<S, M> timeoutMessages;
    private final Handler<S, M> unhandled;
    private final BiConsumer<S, S> onTransition;
    /** The key of the state timeout's timer: one per machine. */
    private final Object timeoutKey = new Object();
    private S state;

    private Fsm(Builder<S, M> b) {
        this.context = b.context;
        this.handlers = Map.copyOf(b.handlers);
        this.timeouts = Map.copyOf(b.timeouts);
        this.timeoutMessages = Map.copyOf(b.timeoutMessages);
        this.unhandled = b.unhandled;
        this.onTransition = b.onTransition;
        this.state = b.initial;
        startTimeout();
    }

    /**
     * The state the machine is in.
     *
     * @return the current state
     */
    public S state() {
        return state;
    }

    @Override
    public void receive(M message) throws Exception {
        Handler<S, M> h = handlers.get(state);
        if (h == null) {
            h = unhandled;
        }
        if (h == null) {
            context.log().warn("{} in state {} has no handler for {}; ignored", context.self().path(), state,
                    message.getClass().getName());
            return;
        }
        Transition<S> t = h.handle(message);
        if (t == null) {
            throw new IllegalStateException("the handler of state " + state + " returned no transition");
        }
        if (t.stop) {
            context.timers().cancel(timeoutKey);
            context.stop(context.self());
        } else if (t.target != null && !t.target.equals(state)) {
            S from = state;
            state = t.target;
            startTimeout();
            onTransition.accept(from, state);
        }
    }

    private void startTimeout() {
        Duration d = timeouts.get(state);
        if (d == null) {
            context.timers().cancel(timeoutKey);
        } else {
            context.timers().startSingleTimer(timeoutKey, timeoutMessages.get(state), d);
        }
    }
}
