package io.hyphae.testkit;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.Directive;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Subscription;
import io.hyphae.api.SystemTerminatedException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Predicate;
import org.slf4j.event.Level;

/**
 * One actor system for a test, and what the test needs around it: probes, a manual clock,
 * the dead letters and actor failures that happened, and a final {@link #verify()}.
 *
 * <p>Actors spawned with {@link #spawn} are children of the kit's own parent actor, which
 * records each failure ({@link #expectFailure}) and then decides as the system's default
 * would ({@link Directive#defaultFor}, with an {@code Error} stopping the child instead of
 * escalating). Their paths start with {@code testkit/} ({@code testkit-N/} for a kit
 * {@link #on on} a shared system). Actors spawned on {@link #system()}
 * directly behave exactly as in production, and are not tracked.
 *
 * <pre>{@code
 * try (ActorTestKit kit = ActorTestKit.builder().manualClock().build()) {
 *     TestProbe<String> probe = kit.createProbe();
 *     ActorRef<String> reminder = kit.spawn(ctx -> m -> ctx.timers()
 *             .startSingleTimer("k", m, Duration.ofMinutes(5)));
 *     ...
 *     kit.clock().advance(Duration.ofMinutes(5));
 *     kit.verify();
 * }
 * }</pre>
 *
 * <p>Each kit has its own system, so kits in parallel tests share nothing.
 */
public final class ActorTestKit implements AutoCloseable {

    /** How long expectations wait unless the kit was built with another timeout. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);

    private static final AtomicLong KITS = new AtomicLong();

    private final ActorSystem system;
    private final boolean owned;
    private final ManualClock clock;
    private final Duration timeout;
    private final ActorRef<Object> parent;
    private final ActorRef<Object> deadLetterRecorder;
    private final Subscription deadLetterSubscription;
    private final List<DeadLetter> deadLetters = new ArrayList<>();
    private final List<ActorFailure> failures = new ArrayList<>();
    private final List<TestProbe<?>> probes = new CopyOnWriteArrayList<>();
    private final LogCapture logs;
    private final Object lock = new Object();
    private boolean allowDeadLetters;
    private boolean allowFailures;
    private boolean allowLeakedActors;
    private volatile boolean closed;

    private ActorTestKit(ActorSystem system, boolean owned, ManualClock clock, Duration timeout) {
        this.system = system;
        this.owned = owned;
        this.clock = clock;
        this.timeout = timeout;
        this.logs = CapturingLogProvider.active() ? LogCapture.open(system.name(), Level.INFO, timeout) : null;
        this.parent = system.spawn(ctx -> new KitParent(ctx), owned ? "testkit" : "testkit-" + KITS.incrementAndGet());
        this.deadLetterRecorder = system.spawnAnonymous(ctx -> message -> {
            if (message instanceof DeadLetter letter) {
                record(letter);
            } else if (message instanceof Flush f) {
                f.done().complete(null);
            }
        });
        @SuppressWarnings("unchecked")
        ActorRef<DeadLetter> letters = (ActorRef<DeadLetter>) (ActorRef<?>) deadLetterRecorder;
        this.deadLetterSubscription = system.subscribeDeadLetters(letters);
    }

    /**
     * A kit with a new system on the JDK clock, 2 dispatcher threads and a 3 s timeout.
     *
     * @return the kit; close it at the end of the test
     */
    public static ActorTestKit create() {
        return builder().build();
    }

    /**
     * A builder for a kit with a new system.
     *
     * @return the builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * A kit on a system that exists already (in an OSGi container, the {@code ActorSystem}
     * service). Closing the kit stops the actors it spawned and its probes, not the system.
     *
     * @param system the system
     * @return the kit
     */
    public static ActorTestKit on(ActorSystem system) {
        return new ActorTestKit(Objects.requireNonNull(system, "system"), false, null, DEFAULT_TIMEOUT);
    }

    /**
     * The system under test.
     *
     * @return the system
     */
    public ActorSystem system() {
        return system;
    }

    /**
     * The manual clock the system runs on.
     *
     * @return the clock
     * @throws IllegalStateException if the kit was built without {@link Builder#manualClock()}
     */
    public ManualClock clock() {
        if (clock == null) {
            throw new IllegalStateException("this kit runs on the JDK clock; build it with manualClock() "
                    + "to move time by hand");
        }
        return clock;
    }

    /**
     * How long expectations wait by default.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * A probe on this kit's system.
     *
     * @param <M> the messages it accepts
     * @return the probe
     */
    public <M> TestProbe<M> createProbe() {
        return createProbe("probe-" + (probes.size() + 1));
    }

    /**
     * A named probe on this kit's system (the name appears in failure messages).
     *
     * @param name the name
     * @param <M> the messages it accepts
     * @return the probe
     */
    public <M> TestProbe<M> createProbe(String name) {
        checkOpen();
        TestProbe<M> p = new TestProbe<>(system, name, timeout);
        probes.add(p);
        return p;
    }

    /**
     * Spawns an anonymous actor under the kit's parent, which records its failures.
     *
     * @param factory makes the actor
     * @param <M> its messages
     * @return its ref, once spawned
     */
    public <M> ActorRef<M> spawn(ActorFactory<M> factory) {
        return spawn(factory, (SpawnOptions) null);
    }

    /**
     * Spawns a named actor under the kit's parent.
     *
     * @param factory makes the actor
     * @param name its name among the kit's actors
     * @param <M> its messages
     * @return its ref, once spawned
     * @throws io.hyphae.api.DuplicateActorNameException if the name is taken
     */
    public <M> ActorRef<M> spawn(ActorFactory<M> factory, String name) {
        return spawn(factory, SpawnOptions.named(Objects.requireNonNull(name, "name")));
    }

    /**
     * Spawns an actor with options under the kit's parent.
     *
     * @param factory makes the actor
     * @param options name, mailbox, dispatcher; null for an anonymous actor with defaults
     * @param <M> its messages
     * @return its ref, once spawned
     */
    @SuppressWarnings("unchecked")
    public <M> ActorRef<M> spawn(ActorFactory<M> factory, SpawnOptions options) {
        Objects.requireNonNull(factory, "factory");
        checkOpen();
        CompletableFuture<ActorRef<?>> spawned = new CompletableFuture<>();
        parent.tell(new Spawn(factory, options, spawned));
        return (ActorRef<M>) await(spawned, "spawning an actor");
    }

    /**
     * Stops {@code actor} and waits until it has terminated.
     *
     * @param actor the actor
     * @throws AssertionError if it has not terminated within the timeout
     */
    public void stop(ActorRef<?> actor) {
        Objects.requireNonNull(actor, "actor");
        system.stop(actor);
        await(system.whenTerminated(actor).toCompletableFuture(), "stopping " + actor.path());
    }

    // ------------------------------------------------------------------ observation

    /**
     * Expects a dead letter matching {@code condition} (one already recorded, or one arriving
     * within the timeout). An expected letter no longer counts against {@link #verify()}.
     *
     * @param description what is expected, for the failure message
     * @param condition the test
     * @return the dead letter
     * @throws AssertionError if none matches in time
     */
    public DeadLetter expectDeadLetter(String description, Predicate<? super DeadLetter> condition) {
        Objects.requireNonNull(condition, "condition");
        return Awaiting.takeFirst(lock, deadLetters, condition, timeout, () -> "expected a dead letter ("
                + description + ") within " + TestProbe.describe(timeout) + "; dead letters recorded: " + deadLetters);
    }

    /**
     * Expects a dead letter carrying {@code message}.
     *
     * @param message the undelivered message
     * @return the dead letter
     * @throws AssertionError if none arrives within the timeout
     */
    public DeadLetter expectDeadLetter(Object message) {
        Objects.requireNonNull(message, "message");
        return expectDeadLetter("message " + message, d -> message.equals(d.message()));
    }

    /**
     * Expects that {@code actor} (spawned by this kit) fails with a {@code type}.
     *
     * @param actor the actor
     * @param type the exception class
     * @param <T> the exception type
     * @return the exception
     * @throws AssertionError if no such failure is seen within the timeout
     */
    public <T extends Throwable> T expectFailure(ActorRef<?> actor, Class<T> type) {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(type, "type");
        ActorFailure f = Awaiting.takeFirst(lock, failures,
                x -> x.actor().equals(actor) && type.isInstance(x.cause()), timeout,
                () -> "expected " + actor.path() + " to fail with " + type.getName() + " within "
                        + TestProbe.describe(timeout) + "; failures recorded: " + failures);
        return type.cast(f.cause());
    }

    /**
     * The log events of this kit's system at INFO and above, captured since the kit was made
     * ({@link LogCapture}; for DEBUG open one with {@link LogCapture#of}).
     *
     * @return the capture
     * @throws IllegalStateException if SLF4J does not run on {@link CapturingLogProvider}
     */
    public LogCapture logs() {
        if (logs == null) {
            return LogCapture.open(system.name(), Level.INFO, timeout); // throws, saying how to turn it on
        }
        return logs;
    }

    /**
     * Dead letters recorded and not yet expected.
     *
     * @return a copy, oldest first
     */
    public List<DeadLetter> deadLetters() {
        synchronized (lock) {
            return List.copyOf(deadLetters);
        }
    }

    /**
     * Failures of the kit's actors recorded and not yet expected.
     *
     * @return a copy, oldest first
     */
    public List<ActorFailure> failures() {
        synchronized (lock) {
            return List.copyOf(failures);
        }
    }

    /**
     * Actors spawned through this kit that are still alive.
     *
     * @return their refs
     */
    public List<ActorRef<?>> liveActors() {
        CompletableFuture<List<ActorRef<?>>> children = new CompletableFuture<>();
        parent.tell(new Children(children));
        return await(children, "listing the kit's actors");
    }

    /** Dead letters do not fail {@link #verify()}. */
    public void allowDeadLetters() {
        synchronized (lock) {
            allowDeadLetters = true;
        }
    }

    /** Failures of the kit's actors do not fail {@link #verify()}. */
    public void allowFailures() {
        synchronized (lock) {
            allowFailures = true;
        }
    }

    /** Actors still alive do not fail {@link #verify()}. */
    public void allowLeakedActors() {
        synchronized (lock) {
            allowLeakedActors = true;
        }
    }

    boolean leaksAllowed() {
        synchronized (lock) {
            return allowLeakedActors;
        }
    }

    /**
     * Fails if anything happened that the test did not expect: dead letters, failures of the
     * kit's actors, and actors spawned through the kit that are still alive, except what was
     * allowed. What it reports is then forgotten, so a kit shared by several tests checks each
     * on its own.
     *
     * @throws AssertionError listing every problem
     */
    public void verify() {
        verify(true);
    }

    /**
     * As {@link #verify()}, optionally without the check for live actors (for a kit shared by
     * the tests of a class, whose actors may outlive one test).
     *
     * @param checkLeaks whether actors still alive are a problem
     * @throws AssertionError listing every problem
     */
    public void verify(boolean checkLeaks) {
        checkOpen();
        // Round trips through both recorders: what was posted to them before now is recorded.
        flush(parent);
        flush(deadLetterRecorder);
        List<String> problems = new ArrayList<>();
        List<ActorRef<?>> live = checkLeaks ? liveActors() : List.of();
        List<ActorFailure> unexpected = new ArrayList<>();
        synchronized (lock) {
            if (!allowDeadLetters && !deadLetters.isEmpty()) {
                problems.add(deadLetters.size() + " unexpected dead letter(s): " + deadLetters);
            }
            if (!allowFailures && !failures.isEmpty()) {
                problems.add(failures.size() + " unexpected actor failure(s): " + failures);
                unexpected.addAll(failures);
            }
            if (!allowLeakedActors && !live.isEmpty()) {
                List<String> paths = new ArrayList<>();
                live.forEach(r -> paths.add(r.path()));
                problems.add(live.size() + " actor(s) still alive: " + paths);
            }
            deadLetters.clear();
            failures.clear();
        }
        if (!problems.isEmpty()) {
            AssertionError e = new AssertionError("test kit of system '" + system.name() + "': "
                    + String.join("; ", problems));
            for (ActorFailure f : unexpected) {
                e.addSuppressed(f.cause()); // the stack traces of what the actors threw
            }
            throw e;
        }
    }

    /**
     * Retries {@code assertion} every 10 ms until it passes or {@code timeout} ends (real time).
     *
     * @param timeout how long to keep trying, positive
     * @param assertion throws {@link AssertionError} while not yet true
     * @throws AssertionError the last failure, if it never passed
     */
    public static void awaitAssert(Duration timeout, Runnable assertion) {
        Objects.requireNonNull(assertion, "assertion");
        long deadline = System.nanoTime() + TestProbe.nanos(TestProbe.positive(timeout, "timeout"));
        while (true) {
            try {
                assertion.run();
                return;
            } catch (AssertionError e) {
                if (System.nanoTime() - deadline >= 0) {
                    throw e;
                }
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting for an assertion to pass", e);
            }
        }
    }

    /**
     * As {@link #awaitAssert(Duration, Runnable)} with this kit's timeout.
     *
     * @param assertion throws {@link AssertionError} while not yet true
     */
    public void awaitAssert(Runnable assertion) {
        awaitAssert(timeout, assertion);
    }

    /**
     * Terminates the system if the kit made it (waiting up to 30 s); otherwise stops the
     * kit's actors and probes. Does not {@link #verify()}.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (logs != null) {
            logs.close();
        }
        if (owned) {
            system.close();
            return;
        }
        deadLetterSubscription.cancel();
        for (TestProbe<?> p : probes) {
            p.stop();
        }
        system.stop(deadLetterRecorder);
        system.stop(parent);
        try {
            system.whenTerminated(parent).toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            throw new AssertionError("the test kit's actors did not stop within 30 s", e);
        }
    }

    @Override
    public String toString() {
        return "ActorTestKit[" + system.name() + (clock != null ? ", " + clock : "") + "]";
    }

    // ------------------------------------------------------------------ internals

    private void record(DeadLetter letter) {
        synchronized (lock) {
            deadLetters.add(letter);
            lock.notifyAll();
        }
    }

    private void recordFailure(ActorFailure failure) {
        synchronized (lock) {
            failures.add(failure);
            lock.notifyAll();
        }
    }

    private void flush(ActorRef<Object> actor) {
        CompletableFuture<Object> done = new CompletableFuture<>();
        actor.tell(new Flush(done));
        await(done, "waiting for the kit's recorders");
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(TestProbe.nanos(timeout), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while " + what, e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new AssertionError(what + " failed", e.getCause());
        } catch (TimeoutException e) {
            checkOpen();
            throw new AssertionError(what + " did not finish within " + TestProbe.describe(timeout));
        }
    }

    private void checkOpen() {
        boolean down;
        try {
            down = closed || system.awaitTermination(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            down = false;
        }
        if (down) {
            throw new SystemTerminatedException("the test kit of system '" + system.name()
                    + "' has been closed or its system has terminated");
        }
    }

    private record Spawn(ActorFactory<?> factory, SpawnOptions options, CompletableFuture<ActorRef<?>> result) {
    }

    private record Children(CompletableFuture<List<ActorRef<?>>> result) {
    }

    /** A round trip through an actor's mailbox. */
    private record Flush(CompletableFuture<Object> done) {
    }

    /** The parent of the kit's actors: spawns them on request and records their failures. */
    private final class KitParent implements Actor<Object> {
        private final ActorContext<Object> ctx;

        KitParent(ActorContext<Object> ctx) {
            this.ctx = ctx;
        }

        @Override
        public void receive(Object message) {
            if (message instanceof Spawn s) {
                try {
                    s.result().complete(s.options() == null ? ctx.spawnAnonymous(s.factory())
                            : ctx.spawn(s.factory(), s.options()));
                } catch (RuntimeException e) {
                    s.result().completeExceptionally(e);
                }
            } else if (message instanceof Children c) {
                c.result().complete(List.copyOf(ctx.children()));
            } else if (message instanceof Flush f) {
                f.done().complete(null);
            }
        }

        @Override
        public Directive onChildFailure(ActorRef<?> child, Throwable cause) {
            recordFailure(new ActorFailure(child, cause));
            Directive d = Directive.defaultFor(cause);
            return d == Directive.ESCALATE ? Directive.STOP : d;
        }
    }

    /** Settings of a kit with its own system. */
    public static final class Builder {
        private String name;
        private int threads = 2;
        private ManualClock clock;
        private Duration timeout = DEFAULT_TIMEOUT;
        private Consumer<ActorSystem.Builder> customizer = b -> { };

        private Builder() {
        }

        /**
         * The system's name (by default {@code test-N}).
         *
         * @param systemName the name
         * @return this builder
         */
        public Builder name(String systemName) {
            this.name = Objects.requireNonNull(systemName, "name");
            return this;
        }

        /**
         * Dispatcher threads (default 2).
         *
         * @param count 1..1024
         * @return this builder
         */
        public Builder dispatcherThreads(int count) {
            this.threads = count;
            return this;
        }

        /**
         * Runs the system on a new {@link ManualClock}, reachable through {@link #clock()}.
         *
         * @return this builder
         */
        public Builder manualClock() {
            return manualClock(new ManualClock());
        }

        /**
         * Runs the system on {@code manual}.
         *
         * @param manual the clock
         * @return this builder
         */
        public Builder manualClock(ManualClock manual) {
            this.clock = Objects.requireNonNull(manual, "clock");
            return this;
        }

        /**
         * How long expectations wait by default (3 s unless set).
         *
         * @param defaultTimeout positive
         * @return this builder
         */
        public Builder timeout(Duration defaultTimeout) {
            this.timeout = TestProbe.positive(defaultTimeout, "timeout");
            return this;
        }

        /**
         * Anything else about the system: mailbox or dispatcher factories, configuration.
         *
         * @param more applied to the system's builder last
         * @return this builder
         */
        public Builder configure(Consumer<ActorSystem.Builder> more) {
            this.customizer = this.customizer.andThen(Objects.requireNonNull(more, "configure"));
            return this;
        }

        /**
         * Starts the system and the kit.
         *
         * @return the kit
         */
        public ActorTestKit build() {
            ActorSystem.Builder b = ActorSystem.builder()
                    .name(name != null ? name : "test-" + KITS.incrementAndGet())
                    .dispatcherThreads(threads);
            if (clock != null) {
                b.clock(clock);
            }
            customizer.accept(b);
            return new ActorTestKit(b.build(), true, clock, timeout);
        }
    }
}
