package io.hyphae.testkit;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.DuplicateActorNameException;
import io.hyphae.api.Signal;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.TimerScheduler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one actor on the test's thread, without an actor system or a dispatcher: the test
 * hands it messages and signals one at a time and then inspects what it did. Spawns,
 * stops, watches, timers and asks become {@link Effect}s; what it tells itself lands in
 * {@link #selfInbox()}, what it tells a child in that child's {@link #childInbox}, and what
 * it tells a {@link TestInbox} ref given to it in that inbox. Children are not run.
 *
 * <pre>{@code
 * BehaviorTestKit<Command> kit = BehaviorTestKit.create(Counter::new);
 * TestInbox<Integer> reply = new TestInbox<>();
 * kit.run(new Increment());
 * kit.run(new Get(reply.ref()));
 * reply.expectMessage(1);
 * }</pre>
 *
 * <p>Exceptions thrown by the actor reach the test unchanged; there is no supervision.
 * {@link ActorContext#system()} is not available (it throws {@link UnsupportedOperationException}):
 * test code that needs a system with {@link ActorTestKit}.
 *
 * @param <M> the actor's message type
 */
public final class BehaviorTestKit<M> {

    private final String path;
    private final TestInbox<M> self;
    private final Context context = new Context();
    private final List<Effect> effects = new ArrayList<>();
    private final Map<String, TestInbox<?>> children = new LinkedHashMap<>();
    private final Map<Object, Effect.TimerStarted> timers = new LinkedHashMap<>();
    private final Actor<M> actor;
    private int anonymous;
    private int asks;
    private boolean stopped;

    private BehaviorTestKit(ActorFactory<M> factory, String name) throws Exception {
        this.path = Objects.requireNonNull(name, "name");
        this.self = new TestInbox<>(path);
        this.actor = Objects.requireNonNull(factory.create(context), "the factory returned null");
        actor.onStart();
    }

    /**
     * Creates the actor with {@code factory} and runs its {@code onStart}.
     *
     * @param factory makes the actor
     * @param <M> its messages
     * @return the kit
     * @throws Exception whatever the factory or {@code onStart} throws
     */
    public static <M> BehaviorTestKit<M> create(ActorFactory<M> factory) throws Exception {
        return create(factory, "testkit");
    }

    /**
     * As {@link #create(ActorFactory)}, with the actor's name (its path in the kit).
     *
     * @param factory makes the actor
     * @param name the actor's name
     * @param <M> its messages
     * @return the kit
     * @throws Exception whatever the factory or {@code onStart} throws
     */
    public static <M> BehaviorTestKit<M> create(ActorFactory<M> factory, String name) throws Exception {
        return new BehaviorTestKit<>(Objects.requireNonNull(factory, "factory"), name);
    }

    /**
     * Handles one message on this thread.
     *
     * @param message the message
     * @throws Exception whatever the actor throws
     * @throws IllegalStateException if the actor has stopped itself
     */
    public void run(M message) throws Exception {
        Objects.requireNonNull(message, "message");
        checkRunning();
        actor.receive(message);
    }

    /**
     * Handles every message the actor told itself, oldest first, until none is left.
     *
     * @throws Exception whatever the actor throws
     */
    public void runSelfMessages() throws Exception {
        while (self.hasMessages() && !stopped) {
            actor.receive(self.receiveMessage());
        }
    }

    /**
     * Delivers a signal on this thread.
     *
     * @param signal the signal
     * @throws Exception whatever the actor throws
     */
    public void signal(Signal signal) throws Exception {
        Objects.requireNonNull(signal, "signal");
        checkRunning();
        actor.onSignal(signal);
    }

    /**
     * Delivers an active timer's message, as if it fired (a single timer is then done).
     *
     * @param key the timer's key
     * @throws Exception whatever the actor throws
     * @throws AssertionError if no timer with that key is active
     */
    @SuppressWarnings("unchecked")
    public void fireTimer(Object key) throws Exception {
        Effect.TimerStarted t = timers.get(key);
        if (t == null) {
            throw new AssertionError("no active timer with key " + key + "; active: " + timers.keySet());
        }
        if (!t.periodic()) {
            timers.remove(key);
        }
        run((M) t.message());
    }

    /**
     * Whether a timer with {@code key} is active.
     *
     * @param key the key
     * @return true if started and neither fired (single) nor cancelled
     */
    public boolean isTimerActive(Object key) {
        return timers.containsKey(key);
    }

    /**
     * The actor's own ref; what is told to it lands in {@link #selfInbox()}.
     *
     * @return the ref
     */
    public ActorRef<M> ref() {
        return self.ref();
    }

    /**
     * What the actor told itself (or others told its ref), not yet run.
     *
     * @return the inbox
     */
    public TestInbox<M> selfInbox() {
        return self;
    }

    /**
     * What the actor told the child it spawned under {@code name}.
     *
     * @param name the child's name
     * @param <C> the child's message type
     * @return the child's inbox
     * @throws AssertionError if no such child was spawned
     */
    @SuppressWarnings("unchecked")
    public <C> TestInbox<C> childInbox(String name) {
        TestInbox<?> inbox = children.get(name);
        if (inbox == null) {
            throw new AssertionError("no child named " + name + "; children: " + children.keySet());
        }
        return (TestInbox<C>) inbox;
    }

    /**
     * Every effect since the last retrieval, oldest first; they are then forgotten.
     *
     * @return the effects
     */
    public List<Effect> retrieveAllEffects() {
        List<Effect> out = List.copyOf(effects);
        effects.clear();
        return out;
    }

    /**
     * Expects the oldest unread effect to equal {@code expected}.
     *
     * @param expected the effect
     * @throws AssertionError if there is none, or another comes first
     */
    public void expectEffect(Effect expected) {
        Objects.requireNonNull(expected, "expected");
        Effect e = nextEffect(expected.toString());
        if (!expected.equals(e)) {
            throw new AssertionError("expected effect " + expected + " but the next was " + e + "; then " + effects);
        }
    }

    /**
     * Expects the oldest unread effect to be of {@code type}.
     *
     * @param type the effect class
     * @param <E> its type
     * @return the effect
     * @throws AssertionError if there is none, or another comes first
     */
    public <E extends Effect> E expectEffectClass(Class<E> type) {
        Objects.requireNonNull(type, "type");
        Effect e = nextEffect("a " + type.getSimpleName());
        if (!type.isInstance(e)) {
            throw new AssertionError("expected a " + type.getSimpleName() + " effect but the next was " + e
                    + "; then " + effects);
        }
        return type.cast(e);
    }

    /**
     * Whether unread effects are waiting.
     *
     * @return true if any
     */
    public boolean hasEffects() {
        return !effects.isEmpty();
    }

    /**
     * Whether the actor stopped itself.
     *
     * @return true after {@code ctx.stop(ctx.self())}
     */
    public boolean isStopped() {
        return stopped;
    }

    private Effect nextEffect(String what) {
        if (effects.isEmpty()) {
            throw new AssertionError("expected effect " + what + " but there were none");
        }
        return effects.remove(0);
    }

    private void checkRunning() {
        if (stopped) {
            throw new IllegalStateException(path + " has stopped itself; it handles no more messages");
        }
    }

    /** The context the actor sees. */
    private final class Context implements ActorContext<M>, TimerScheduler<M> {
        private final Logger log = LoggerFactory.getLogger("io.hyphae.testkit." + path);

        @Override
        public ActorRef<M> self() {
            return self.ref();
        }

        @Override
        public ActorSystem system() {
            throw new UnsupportedOperationException("a BehaviorTestKit runs without an actor system; "
                    + "test code that needs one with ActorTestKit");
        }

        @Override
        public <C> ActorRef<C> spawn(ActorFactory<C> factory, String name) {
            return spawn(factory, SpawnOptions.named(name));
        }

        @Override
        public <C> ActorRef<C> spawn(ActorFactory<C> factory, SpawnOptions options) {
            Objects.requireNonNull(factory, "factory");
            String name = options.name() != null ? options.name() : "$" + (++anonymous);
            if (children.containsKey(name)) {
                throw new DuplicateActorNameException("a child named '" + name + "' exists under "
                        + path);
            }
            TestInbox<C> inbox = new TestInbox<>(path + "/" + name);
            children.put(name, inbox);
            effects.add(new Effect.Spawned(name, options.name() != null ? options : null));
            return inbox.ref();
        }

        @Override
        public <C> ActorRef<C> spawnAnonymous(ActorFactory<C> factory) {
            return spawn(factory, SpawnOptions.defaults());
        }

        @Override
        public List<ActorRef<?>> children() {
            List<ActorRef<?>> out = new ArrayList<>();
            children.values().forEach(i -> out.add(i.ref()));
            return out;
        }

        @Override
        public Optional<ActorRef<?>> child(String name) {
            return Optional.ofNullable(children.get(name)).map(TestInbox::ref);
        }

        @Override
        public void stop(ActorRef<?> actor) {
            Objects.requireNonNull(actor, "actor");
            effects.add(new Effect.Stopped(actor));
            if (actor == self.ref()) {
                stopped = true;
            } else {
                children.values().removeIf(i -> i.ref() == actor);
            }
        }

        @Override
        public void watch(ActorRef<?> actor) {
            effects.add(new Effect.Watched(Objects.requireNonNull(actor, "actor")));
        }

        @Override
        public void unwatch(ActorRef<?> actor) {
            effects.add(new Effect.Unwatched(Objects.requireNonNull(actor, "actor")));
        }

        @Override
        public TimerScheduler<M> timers() {
            return this;
        }

        @Override
        public Logger log() {
            return log;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <Q, R> void ask(ActorRef<Q> target, Function<ActorRef<R>, Q> request, Duration timeout,
                BiFunction<? super R, Throwable, ? extends M> mapResponse) {
            Objects.requireNonNull(target, "target");
            Objects.requireNonNull(request, "request");
            Objects.requireNonNull(timeout, "timeout");
            Objects.requireNonNull(mapResponse, "mapResponse");
            TestInbox<R> replyTo = new TestInbox<>(path + "/$ask" + (++asks));
            Q q = Objects.requireNonNull(request.apply(replyTo.ref()), "the request function returned null");
            target.tell(q);
            effects.add(new Effect.Asked(target, q, timeout,
                    (r, t) -> mapResponse.apply((R) r, t)));
        }

        // ---------------------------------------------------------------- timers

        @Override
        public void startSingleTimer(Object key, M message, Duration delay) {
            startTimer(key, message, delay, false);
        }

        @Override
        public void startPeriodicTimer(Object key, M message, Duration interval) {
            startTimer(key, message, interval, true);
        }

        private void startTimer(Object key, M message, Duration delay, boolean periodic) {
            Objects.requireNonNull(delay, "delay");
            if (periodic ? delay.isZero() || delay.isNegative() : delay.isNegative()) {
                throw new IllegalArgumentException((periodic ? "a periodic timer needs a positive interval"
                        : "timer delay must not be negative") + ", was " + delay);
            }
            Effect.TimerStarted t = new Effect.TimerStarted(Objects.requireNonNull(key, "key"),
                    Objects.requireNonNull(message, "message"), Objects.requireNonNull(delay, "delay"), periodic);
            timers.put(key, t);
            effects.add(t);
        }

        @Override
        public boolean isTimerActive(Object key) {
            return timers.containsKey(key);
        }

        @Override
        public void cancel(Object key) {
            if (timers.remove(key) != null) {
                effects.add(new Effect.TimerCancelled(key));
            }
        }

        @Override
        public void cancelAll() {
            for (Object key : List.copyOf(timers.keySet())) {
                cancel(key);
            }
        }
    }
}
