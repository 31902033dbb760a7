package io.hyphae.testkit;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Signal;
import io.hyphae.api.SystemTerminatedException;
import io.hyphae.api.Terminated;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * An actor that a test reads from: hand its {@link #ref()} to the actor under test, then
 * expect what arrives. Every expectation waits in real time up to a timeout (the probe's
 * default, or one given) and fails with an {@link AssertionError} that says what did arrive.
 *
 * <pre>{@code
 * TestProbe<String> probe = kit.createProbe();
 * greeter.tell(new Greet("ann", probe.ref()));
 * probe.expectMessage("hello, ann");
 * probe.expectNoMessage(Duration.ofMillis(50));
 * }</pre>
 *
 * <p>Methods are meant for the test's thread; the ref can be used from anywhere.
 *
 * @param <M> the messages the probe accepts
 */
public final class TestProbe<M> {

    /** What {@link #fishForMessage} does with each message it looks at. */
    public enum Fishing {
        /** This is the message looked for: stop fishing and return what was collected. */
        COMPLETE,
        /** Keep the message in the result and go on fishing. */
        CONTINUE,
        /** Drop the message and go on fishing. */
        IGNORE
    }

    private static final int HISTORY = 10;

    private final ActorSystem system;
    private final String name;
    private final Duration defaultTimeout;
    private final LinkedBlockingQueue<Object> messages = new LinkedBlockingQueue<>();
    private final LinkedBlockingQueue<Terminated> terminations = new LinkedBlockingQueue<>();
    private final ArrayDeque<Object> history = new ArrayDeque<>();
    private final ActorRef<Object> ref;
    private final CompletableFuture<Void> stopped;

    /**
     * Spawns a probe on {@code system}.
     *
     * @param system where the probe's actor lives
     * @param name a name for failure messages (the actor itself is anonymous)
     * @param defaultTimeout how long expectations wait unless told otherwise
     */
    TestProbe(ActorSystem system, String name, Duration defaultTimeout) {
        this.system = Objects.requireNonNull(system, "system");
        this.name = Objects.requireNonNull(name, "name");
        this.defaultTimeout = positive(defaultTimeout, "default timeout");
        this.ref = system.spawnAnonymous(ProbeActor::new);
        this.stopped = system.whenTerminated(ref).toCompletableFuture();
    }

    /**
     * A probe on {@code system}, outside any {@link ActorTestKit}, waiting 3 s by default.
     *
     * @param system where the probe's actor lives
     * @param <M> the messages it accepts
     * @return the probe
     */
    public static <M> TestProbe<M> create(ActorSystem system) {
        return new TestProbe<>(system, "probe", ActorTestKit.DEFAULT_TIMEOUT);
    }

    /**
     * The probe's ref: whatever is told to it can be expected here.
     *
     * @return the typed ref
     */
    @SuppressWarnings("unchecked")
    public ActorRef<M> ref() {
        return (ActorRef<M>) (ActorRef<?>) ref;
    }

    /**
     * The next message, whatever it is.
     *
     * @return the message
     * @throws AssertionError if none arrives within the default timeout
     */
    public M receiveMessage() {
        return receiveMessage(defaultTimeout);
    }

    /**
     * The next message, whatever it is.
     *
     * @param timeout how long to wait, positive
     * @return the message
     * @throws AssertionError if none arrives in time
     */
    @SuppressWarnings("unchecked")
    public M receiveMessage(Duration timeout) {
        Object m = next(positive(timeout, "timeout"));
        if (m == null) {
            throw new AssertionError(name + ": no message within " + describe(timeout) + receivedBefore());
        }
        return (M) m;
    }

    /**
     * The next {@code n} messages, in arrival order.
     *
     * @param n how many, at least 1
     * @return the messages
     * @throws AssertionError if fewer arrive within the default timeout (for all of them)
     */
    public List<M> receiveMessages(int n) {
        return receiveMessages(n, defaultTimeout);
    }

    /**
     * The next {@code n} messages, in arrival order.
     *
     * @param n how many, at least 1
     * @param timeout how long to wait for all of them, positive
     * @return the messages
     * @throws AssertionError if fewer arrive in time
     */
    @SuppressWarnings("unchecked")
    public List<M> receiveMessages(int n, Duration timeout) {
        if (n < 1) {
            throw new IllegalArgumentException("n must be at least 1, was " + n);
        }
        long deadline = System.nanoTime() + nanos(positive(timeout, "timeout"));
        List<M> out = new ArrayList<>(n);
        while (out.size() < n) {
            Object m = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (m == null) {
                throw new AssertionError(name + ": expected " + n + " messages within " + describe(timeout)
                        + " but received " + out.size() + ": " + out);
            }
            out.add((M) m);
        }
        return out;
    }

    /**
     * Expects the next message to equal {@code expected}.
     *
     * @param expected the message, not null
     * @return the message received
     * @throws AssertionError if another message comes first, or none in the default timeout
     */
    public M expectMessage(M expected) {
        return expectMessage(expected, defaultTimeout);
    }

    /**
     * Expects the next message to equal {@code expected}.
     *
     * @param expected the message, not null
     * @param timeout how long to wait, positive
     * @return the message received
     * @throws AssertionError if another message comes first, or none in time
     */
    public M expectMessage(M expected, Duration timeout) {
        Objects.requireNonNull(expected, "expected");
        M m = expectNext("a message equal to " + expected, timeout);
        if (!expected.equals(m)) {
            throw new AssertionError(name + ": expected " + expected + " but received " + m + queuedAfter());
        }
        return m;
    }

    /**
     * Expects the next message to be of {@code type}.
     *
     * @param type the class, not null
     * @param <T> the type
     * @return the message, cast
     * @throws AssertionError if another message comes first, or none in the default timeout
     */
    public <T extends M> T expectMessageClass(Class<T> type) {
        return expectMessageClass(type, defaultTimeout);
    }

    /**
     * Expects the next message to be of {@code type}.
     *
     * @param type the class, not null
     * @param timeout how long to wait, positive
     * @param <T> the type
     * @return the message, cast
     * @throws AssertionError if another message comes first, or none in time
     */
    public <T extends M> T expectMessageClass(Class<T> type, Duration timeout) {
        Objects.requireNonNull(type, "type");
        M m = expectNext("a " + type.getName(), timeout);
        if (!type.isInstance(m)) {
            throw new AssertionError(name + ": expected a " + type.getName() + " but received "
                    + m + " (" + m.getClass().getName() + ")" + queuedAfter());
        }
        return type.cast(m);
    }

    /**
     * Expects the next message to satisfy {@code condition}.
     *
     * @param description what is expected, for the failure message
     * @param condition the test, not null
     * @return the message
     * @throws AssertionError if the next message fails the test, or none arrives in the default timeout
     */
    public M expectMessageThat(String description, Predicate<? super M> condition) {
        return expectMessageThat(description, condition, defaultTimeout);
    }

    /**
     * Expects the next message to satisfy {@code condition}.
     *
     * @param description what is expected, for the failure message
     * @param condition the test, not null
     * @param timeout how long to wait, positive
     * @return the message
     * @throws AssertionError if the next message fails the test, or none arrives in time
     */
    public M expectMessageThat(String description, Predicate<? super M> condition, Duration timeout) {
        Objects.requireNonNull(condition, "condition");
        M m = expectNext(description, timeout);
        if (!condition.test(m)) {
            throw new AssertionError(name + ": expected " + description + " but received " + m + queuedAfter());
        }
        return m;
    }

    /**
     * Expects that nothing arrives for 100 ms.
     *
     * @throws AssertionError if a message arrives
     */
    public void expectNoMessage() {
        expectNoMessage(Duration.ofMillis(100));
    }

    /**
     * Expects that nothing arrives for {@code duration} (real time).
     *
     * @param duration how long to watch, positive
     * @throws AssertionError if a message arrives
     */
    public void expectNoMessage(Duration duration) {
        positive(duration, "duration");
        Object m = poll(duration);
        if (m != null) {
            throw new AssertionError(name + ": expected no message for " + describe(duration) + " but received "
                    + m + queuedAfter());
        }
    }

    /**
     * Reads messages until {@code judge} says {@link Fishing#COMPLETE}, within the timeout.
     *
     * @param timeout how long to fish in all, positive
     * @param judge decides per message; may throw {@link AssertionError} to fail at once
     * @return the messages kept ({@link Fishing#CONTINUE}) and the one that completed, in order
     * @throws AssertionError if nothing completes in time
     */
    @SuppressWarnings("unchecked")
    public List<M> fishForMessage(Duration timeout, Function<? super M, Fishing> judge) {
        Objects.requireNonNull(judge, "judge");
        long deadline = System.nanoTime() + nanos(positive(timeout, "timeout"));
        List<M> kept = new ArrayList<>();
        List<M> seen = new ArrayList<>();
        while (true) {
            Object o = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            if (o == null) {
                throw new AssertionError(name + ": fishing found nothing within " + describe(timeout)
                        + "; looked at " + seen);
            }
            M m = (M) o;
            seen.add(m);
            Fishing f = Objects.requireNonNull(judge.apply(m), "the judge returned null");
            if (f != Fishing.IGNORE) {
                kept.add(m);
            }
            if (f == Fishing.COMPLETE) {
                return kept;
            }
        }
    }

    /**
     * Watches {@code actor} and expects it to terminate within the default timeout.
     *
     * @param actor the actor
     * @return the termination signal, with its exit reason
     * @throws AssertionError if it is still alive after the timeout
     */
    public Terminated expectTerminated(ActorRef<?> actor) {
        return expectTerminated(actor, defaultTimeout);
    }

    /**
     * Watches {@code actor} and expects it to terminate in time. Messages to the probe are
     * not affected.
     *
     * @param actor the actor
     * @param timeout how long to wait, positive
     * @return the termination signal, with its exit reason
     * @throws AssertionError if it is still alive after the timeout
     */
    public Terminated expectTerminated(ActorRef<?> actor, Duration timeout) {
        Objects.requireNonNull(actor, "actor");
        positive(timeout, "timeout");
        long deadline = System.nanoTime() + nanos(timeout);
        CompletableFuture<Void> watching = new CompletableFuture<>();
        checkAlive();
        ref.tell(new Watch(actor, watching));
        try {
            watching.get(nanos(timeout), TimeUnit.NANOSECONDS);
            while (true) {
                long left = deadline - System.nanoTime();
                Terminated t = terminations.poll(Math.max(0, left), TimeUnit.NANOSECONDS);
                if (t == null) {
                    throw new AssertionError(name + ": " + actor.path() + " did not terminate within "
                            + describe(timeout));
                }
                if (t.ref().equals(actor)) {
                    return t;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted while waiting for " + actor.path() + " to terminate", e);
        } catch (ExecutionException | TimeoutException e) {
            checkAlive();
            throw new AssertionError(name + ": could not watch " + actor.path() + " within " + describe(timeout), e);
        }
    }

    /**
     * Retries {@code assertion} until it passes or the default timeout ends; see
     * {@link ActorTestKit#awaitAssert(Duration, Runnable)}.
     *
     * @param assertion throws {@link AssertionError} while not yet true
     */
    public void awaitAssert(Runnable assertion) {
        ActorTestKit.awaitAssert(defaultTimeout, assertion);
    }

    /** Stops the probe's actor; later messages to its ref become dead letters. */
    public void stop() {
        system.stop(ref);
    }

    @Override
    public String toString() {
        return "TestProbe[" + name + ", " + ref.path() + ", " + messages.size() + " queued]";
    }

    // ------------------------------------------------------------------ internals

    private M expectNext(String what, Duration timeout) {
        Object m = next(positive(timeout, "timeout"));
        if (m == null) {
            throw new AssertionError(name + ": expected " + what + " within " + describe(timeout)
                    + " but received nothing" + receivedBefore());
        }
        @SuppressWarnings("unchecked")
        M typed = (M) m;
        return typed;
    }

    /** The next message, or null after the timeout; fails fast once the probe can receive no more. */
    private Object next(Duration timeout) {
        Object m = messages.poll();
        if (m == null) {
            checkAlive();
            return poll(timeout);
        }
        remember(m);
        return m;
    }

    private Object poll(Duration timeout) {
        try {
            Object m = messages.poll(nanos(timeout), TimeUnit.NANOSECONDS);
            if (m != null) {
                remember(m);
            }
            return m;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(name + ": interrupted while waiting for a message", e);
        }
    }

    private void remember(Object m) {
        synchronized (history) {
            if (history.size() == HISTORY) {
                history.removeFirst();
            }
            history.addLast(m);
        }
    }

    private void checkAlive() {
        if (!stopped.isDone()) {
            return;
        }
        boolean systemDown;
        try {
            systemDown = system.awaitTermination(Duration.ZERO);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            systemDown = false;
        }
        if (systemDown) {
            throw new SystemTerminatedException(name + ": actor system '" + system.name()
                    + "' has terminated; no message can arrive at the probe any more");
        }
        throw new IllegalStateException(name + " has been stopped; no message can arrive any more");
    }

    private String receivedBefore() {
        synchronized (history) {
            return history.isEmpty() ? " (and nothing before)" : " (last received before: " + history + ")";
        }
    }

    private String queuedAfter() {
        List<Object> rest = new ArrayList<>(messages);
        return rest.isEmpty() ? "" : " (queued after it: " + rest + ")";
    }

    static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, was " + d);
        }
        return d;
    }

    static long nanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    static String describe(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }

    /** Asks the probe's actor to watch an actor. */
    private record Watch(ActorRef<?> actor, CompletableFuture<Void> done) {
    }

    private final class ProbeActor implements Actor<Object> {
        private final ActorContext<Object> ctx;

        ProbeActor(ActorContext<Object> ctx) {
            this.ctx = ctx;
        }

        @Override
        public void receive(Object message) {
            if (message instanceof Watch w) {
                ctx.watch(w.actor());
                w.done().complete(null);
            } else {
                messages.add(message);
            }
        }

        @Override
        public void onSignal(Signal signal) {
            if (signal instanceof Terminated t) {
                terminations.add(t);
            }
        }
    }
}
