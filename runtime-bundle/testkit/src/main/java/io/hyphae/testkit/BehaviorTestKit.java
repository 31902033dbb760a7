package io.hyphae.testkit;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Behavior;
import io.hyphae.api.DuplicateActorNameException;
import io.hyphae.api.Signal;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Stash;
import io.hyphae.api.StashOverflowException;
import io.hyphae.api.TimerScheduler;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Queue;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
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
    /** Outcomes piped to the actor and messages to its adapters, mapped when {@link #runSelfMessages} runs. */
    private final Queue<Supplier<M>> adapted = new ConcurrentLinkedQueue<>();
    private final ArrayDeque<M> replay = new ArrayDeque<>();
    private Behavior<M> behavior;
    private KitStash stash;
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
        receive(message);
    }

    /** To the current behavior; then whatever it unstashed, as the runtime would next. */
    private void receive(M message) throws Exception {
        handle(message);
        M next;
        while (!stopped && (next = replay.poll()) != null) {
            handle(next);
        }
    }

    private void handle(M message) throws Exception {
        Behavior<M> b = behavior;
        if (b == null) {
            actor.receive(message);
        } else {
            b.receive(message);
        }
    }

    /**
     * Handles every message the actor told itself, then every outcome piped to it
     * ({@link ActorContext#pipeToSelf}) that has completed and every message told to its
     * message adapters, mapped now as on the actor's turn; oldest first within each, until
     * none is left.
     *
     * @throws Exception whatever the actor, a mapper or an adapter throws
     */
    public void runSelfMessages() throws Exception {
        boolean more = true;
        while (more && !stopped) {
            more = false;
            while (self.hasMessages() && !stopped) {
                receive(self.receiveMessage());
                more = true;
            }
            Supplier<M> s;
            while (!stopped && (s = adapted.poll()) != null) {
                M m = s.get();
                if (m != null) {
                    receive(m);
                }
                more = true;
            }
        }
    }

    /**
     * The actor's stash, if it asked for one.
     *
     * @return what it stashed, oldest first
     */
    public List<M> stashed() {
        return stash == null ? List.of() : List.copyOf(stash.items);
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

    /** The kit's {@link Stash}: unstashed messages are handled before {@code run} returns. */
    private final class KitStash implements Stash<M> {
        final ArrayDeque<M> items = new ArrayDeque<>();
        int capacity;

        KitStash(int capacity) {
            this.capacity = capacity;
        }

        @Override
        public void stash(M message) {
            Objects.requireNonNull(message, "message");
            if (items.size() >= capacity) {
                throw new StashOverflowException("the stash of " + path + " is full (" + capacity + " messages)");
            }
            items.add(message);
        }

        @Override
        public int unstashAll() {
            int n = items.size();
            for (java.util.Iterator<M> it = items.descendingIterator(); it.hasNext();) {
                replay.addFirst(it.next());
            }
            items.clear();
            return n;
        }

        @Override
        public int size() {
            return items.size();
        }

        @Override
        public int capacity() {
            return capacity;
        }
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

        @Override
        public void become(Behavior<M> next) {
            behavior = Objects.requireNonNull(next, "behavior");
        }

        @Override
        public void unbecome() {
            behavior = null;
        }

        @Override
        public Stash<M> stash(int capacity) {
            if (capacity < 1) {
                throw new IllegalArgumentException("a stash holds at least 1 message, capacity was " + capacity);
            }
            if (stash == null) {
                stash = new KitStash(capacity);
            } else if (capacity < stash.size()) {
                throw new IllegalArgumentException("the stash holds " + stash.size() + " messages; capacity "
                        + capacity + " is too small");
            } else {
                stash.capacity = capacity;
            }
            return stash;
        }

        @Override
        public <T> void pipeToSelf(CompletionStage<T> stage, BiFunction<? super T, Throwable, ? extends M> mapper) {
            Objects.requireNonNull(stage, "stage");
            Objects.requireNonNull(mapper, "mapper");
            stage.whenComplete((value, failure) -> {
                Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                        ? failure.getCause() : failure;
                adapted.add(() -> mapper.apply(value, cause));
            });
        }

        @Override
        public <T> ActorRef<T> messageAdapter(Function<? super T, ? extends M> adapter) {
            Objects.requireNonNull(adapter, "adapter");
            return new ActorRef<T>() {
                @Override
                public void tell(T message) {
                    Objects.requireNonNull(message, "message");
                    adapted.add(() -> adapter.apply(message));
                }

                @Override
                public String name() {
                    return self.ref().name() + "$adapter";
                }

                @Override
                public String path() {
                    return path + "$adapter";
                }
            };
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
