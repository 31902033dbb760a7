package io.hyphae.api;

import io.hyphae.api.dispatch.DispatcherFactory;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.spi.ActorSystemProvider;
import io.hyphae.api.receptionist.Receptionist;
import io.hyphae.api.shutdown.CoordinatedShutdown;
import io.hyphae.api.time.ActorClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A tree of actors sharing a dispatcher, a name registry and dead letters.
 *
 * <p>On the module path create one with {@link #builder()}; in an OSGi container use the
 * {@code ActorSystem} service, which is shared, so its {@link #terminate()} is refused and
 * the actors a bundle spawned stop when that bundle stops.
 *
 * <pre>{@code
 * try (ActorSystem system = ActorSystem.builder().name("demo").build()) {
 *     ActorRef<String> printer = system.spawn(ctx -> msg -> ctx.log().info(msg), "printer");
 *     printer.tell("hello");
 * }
 * }</pre>
 */
@ProviderType
public interface ActorSystem extends AutoCloseable {

    /**
     * A builder that finds the runtime with {@link ServiceLoader}.
     *
     * @return a builder starting from {@link ActorSystemConfig#fromSystemProperties()}
     */
    static Builder builder() {
        return new Builder();
    }

    /**
     * The system's name.
     *
     * @return the name
     */
    String name();

    /**
     * Spawns a named top-level actor.
     *
     * @param <M> the actor's message type
     * @param factory makes the actor's instances
     * @param name unique among top-level actors
     * @return the actor's ref
     * @throws DuplicateActorNameException if a live top-level actor has the name
     * @throws InvalidActorNameException if the name is not a valid path segment
     * @throws SystemTerminatedException if the system is terminating
     */
    <M> ActorRef<M> spawn(ActorFactory<M> factory, String name);

    /**
     * Spawns a top-level actor with options.
     *
     * @param <M> the actor's message type
     * @param factory makes the actor's instances
     * @param options name, mailbox and throughput
     * @return the actor's ref
     * @throws SystemTerminatedException if the system is terminating
     */
    <M> ActorRef<M> spawn(ActorFactory<M> factory, SpawnOptions options);

    /**
     * Spawns a top-level actor with a generated name.
     *
     * @param <M> the actor's message type
     * @param factory makes the actor's instances
     * @return the actor's ref
     */
    <M> ActorRef<M> spawnAnonymous(ActorFactory<M> factory);

    /**
     * Stops an actor asynchronously (children first); stopping a stopped actor does
     * nothing.
     *
     * @param actor the actor
     */
    void stop(ActorRef<?> actor);

    /**
     * Finds a live named actor by path, in constant time.
     *
     * @param <M> the message type the caller expects; not checked
     * @param path the actor's {@link ActorRef#path()}
     * @return the actor, or empty
     */
    <M> Optional<ActorRef<M>> find(String path);

    /**
     * Like {@link #find} but fails when nothing is found.
     *
     * @param <M> the message type the caller expects; not checked
     * @param path the actor's path
     * @return the actor
     * @throws ActorNotFoundException if no live actor has the path
     */
    default <M> ActorRef<M> lookup(String path) {
        Optional<ActorRef<M>> found = find(path);
        return found.orElseThrow(() -> new ActorNotFoundException(
                "no live actor at path '" + path + "' in system '" + name() + "'"));
    }

    /**
     * Asks an actor from outside. The stage completes with the first reply; it fails with
     * {@link AskTimeoutException} after {@code timeout}, and a reply after that becomes a
     * dead letter. A timeout too long to count in nanoseconds (over about 292 years) means
     * no timeout. If the system terminates first, the stage fails with
     * {@link SystemTerminatedException}; if the request cannot be sent, it fails at once
     * with the sender's exception.
     *
     * @param <Q> the target's message type
     * @param <R> the reply type
     * @param target the actor to ask
     * @param request builds the request from the ref the reply must be sent to
     * @param timeout how long to wait, positive
     * @return the reply
     */
    <Q, R> CompletionStage<R> ask(ActorRef<Q> target, Function<ActorRef<R>, Q> request, Duration timeout);

    /**
     * A stage completed when the actor has stopped (at once if it already has). By then
     * the actor's name is free and it has left the dead-letter subscribers. The stages of
     * one actor complete in the order they were asked for, each with the actions that
     * depend on it run first; so the broker, which asks when an actor's first
     * subscription is made, has removed its subscriptions before any stage asked for
     * later completes. Cancelling the stage's {@code CompletableFuture} stops watching: the
     * actor keeps nothing for it.
     *
     * @param actor the actor
     * @return completion of the actor's stop
     */
    CompletionStage<Void> whenTerminated(ActorRef<?> actor);

    /**
     * Subscribes an actor to dead letters. The subscription ends when the subscriber
     * stops. Dead letters addressed to a subscriber are not sent back to it, and a dead
     * letter that cannot reach a subscriber (stopped, or its bounded mailbox full) is
     * dropped for that subscriber without becoming another dead letter, so letters never
     * bounce between subscribers. Subscribers receive letters on the sender's thread,
     * without blocking it: a bounded subscriber loses what does not fit.
     *
     * @param subscriber receives every dead letter
     * @return the subscription
     */
    Subscription subscribeDeadLetters(ActorRef<DeadLetter> subscriber);

    /**
     * This system seen as {@code type}: the runtime's extensions for components that build
     * on it, such as {@link io.hyphae.api.spi.DeadLetterSink} for a broker or a router.
     * Applications need none of them.
     *
     * @param <T> the extension type
     * @param type the extension type
     * @return this system as {@code type}
     * @throws IllegalArgumentException if the runtime does not offer {@code type}
     */
    default <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("actor system '" + name() + "' offers no " + type.getName());
    }

    /**
     * Counters of the whole system.
     *
     * @return a snapshot
     */
    SystemMetrics metrics();

    /**
     * Counters of one actor.
     *
     * @param actor the actor
     * @return a snapshot, or empty if the actor stopped
     */
    Optional<ActorMetrics> metrics(ActorRef<?> actor);

    /**
     * Makes {@code factoryName} the preferred mailbox factory and moves every live actor
     * that follows the preference (one spawned without
     * {@link SpawnOptions#withMailboxFactory}) to a mailbox from it. Each actor moves
     * between two messages: what was queued in its old mailbox is handled before anything
     * that arrives in the new one, nothing is lost or duplicated, each sender's order is
     * kept, and bounded mailboxes keep their capacity and overflow policy. Senders never
     * fail or wait on an actor because of a move. Actors whose mailbox shape the factory
     * cannot make stay where they are.
     *
     * @param factoryName a registered factory's name
     * @return completes with the number of actors moved once every live actor has been
     *     visited
     * @throws InvalidConfigurationException if no factory has that name
     */
    CompletionStage<Integer> swapMailboxes(String factoryName);

    /**
     * Moves one actor to a mailbox from the named factory, as {@link #swapMailboxes}
     * does, and keeps it there: later preference changes pass it by until its factory
     * goes away.
     *
     * @param actor an actor of this system
     * @param factoryName a registered factory's name
     * @return completes with true once moved, or false if it already used that factory
     *     or has stopped
     * @throws InvalidConfigurationException if no factory has that name, or it cannot make
     *     the actor's mailbox shape
     * @throws IllegalArgumentException if the actor belongs to another system
     */
    CompletionStage<Boolean> swapMailbox(ActorRef<?> actor, String factoryName);

    /**
     * The names of the dispatchers actors can run on ({@link SpawnOptions#withDispatcher}):
     * the built-in ones and those of deployed {@link io.hyphae.api.dispatch.DispatcherFactory}
     * plug-ins.
     *
     * @return the names
     */
    List<String> dispatchers();

    /**
     * The dispatcher that actors spawned without {@link SpawnOptions#withDispatcher} run on.
     *
     * @return its name
     */
    String defaultDispatcher();

    /**
     * Makes {@code name} the default dispatcher. Every actor that follows the default moves
     * to it at its next turn boundary: it never runs on two dispatchers at once, and its
     * messages stay in its mailbox, so none is lost or reordered.
     *
     * @param name one of {@link #dispatchers()}
     * @throws InvalidConfigurationException if no dispatcher has that name
     */
    void useDispatcher(String name);

    /**
     * Replaces the code of a live actor in place: between two of its messages, the old
     * instance exports its state ({@link Upgradable#exportState}), {@code factory} makes the
     * new instance with the same context, and the new instance imports the state
     * ({@link Upgradable#importState}). The actor keeps its ref, its mailbox with every queued
     * message (handled by the new code, in order), its children, watchers and timers; the new
     * instance's {@code onStart} is not called. Upgrades of one actor apply in the order they
     * were asked for. A message whose class the replaced code defined goes through
     * {@link Upgradable#convertMessage} or to dead letters. If the new code throws, the stage fails with
     * {@link UpgradeFailedException} and the actor's parent decides as for any failure; a
     * restart then uses {@code factory}.
     *
     * @param <M> the actor's message type
     * @param actor an actor of this system
     * @param factory the new code
     * @param version a name for the new code, for reports
     * @return completes when the new code runs; fails with {@link ActorNotFoundException} if
     *         the actor has terminated, or {@link UpgradeFailedException}
     * @throws IllegalArgumentException if {@code actor} is not an actor of this system
     */
    <M> CompletionStage<Upgrade> upgrade(ActorRef<M> actor, ActorFactory<M> factory, String version);

    /**
     * The clock this system reads time and schedules by (timers, ask timeouts, supervision
     * windows). Actors that need the current time should read it here, so a test with a
     * manual clock controls it too.
     *
     * @return the clock
     */
    ActorClock clock();

    /**
     * This system's receptionist: actors registered under typed service keys, found and
     * followed by key.
     *
     * @return the receptionist
     */
    Receptionist receptionist();

    /**
     * This system's coordinated shutdown: its phases' tasks, and the shutdown itself, which
     * {@link #terminate()} runs.
     *
     * @return the coordinated shutdown
     */
    CoordinatedShutdown coordinatedShutdown();

    /**
     * Runs the {@linkplain #coordinatedShutdown() coordinated shutdown}: refuses new
     * top-level actors, lets the actors handle what is queued, stops every actor (children
     * first, running their stop hooks, turning what is still queued into dead letters) and
     * ends the system's threads, each phase within its timeout. Idempotent.
     *
     * @return completes when the system has terminated
     */
    CompletionStage<Void> terminate();

    /**
     * Waits for termination.
     *
     * @param timeout how long to wait; one too long to count in nanoseconds waits forever
     * @return true if terminated, false on timeout
     * @throws InterruptedException if interrupted while waiting
     */
    boolean awaitTermination(Duration timeout) throws InterruptedException;

    /**
     * Terminates and waits up to 30 seconds.
     *
     * @throws SystemTerminatedException if termination did not finish in time
     */
    @Override
    default void close() {
        terminate();
        try {
            if (!awaitTermination(Duration.ofSeconds(30))) {
                throw new SystemTerminatedException("system '" + name() + "' did not terminate within 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SystemTerminatedException("interrupted while terminating system '" + name() + "'", e);
        }
    }

    /**
     * Builds a system on the module path or class path. Plug-ins are found with
     * {@link ServiceLoader}; more can be given explicitly.
     */
    final class Builder {
        private ActorSystemConfig config;
        private final List<MailboxFactory> mailboxFactories = new ArrayList<>();
        private final List<DispatcherFactory> dispatcherFactories = new ArrayList<>();
        private ActorClock clock;

        Builder() {
            config = ActorSystemConfig.fromSystemProperties();
        }

        /**
         * Sets the name.
         *
         * @param name the name
         * @return this builder
         */
        public Builder name(String name) {
            config = config.withName(name);
            return this;
        }

        /**
         * Sets the number of dispatcher threads.
         *
         * @param threads 1..1024
         * @return this builder
         */
        public Builder dispatcherThreads(int threads) {
            config = config.withDispatcherThreads(threads);
            return this;
        }

        /**
         * Sets the default throughput.
         *
         * @param throughput messages per turn, 1..1000000
         * @return this builder
         */
        public Builder throughput(int throughput) {
            config = config.withThroughput(throughput);
            return this;
        }

        /**
         * Replaces all settings.
         *
         * @param newConfig the settings
         * @return this builder
         */
        public Builder config(ActorSystemConfig newConfig) {
            config = Objects.requireNonNull(newConfig, "config");
            return this;
        }

        /**
         * Adds a mailbox factory besides those found by {@link ServiceLoader}.
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder mailboxFactory(MailboxFactory factory) {
            mailboxFactories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * Adds a dispatcher factory besides those found by {@link ServiceLoader}.
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder dispatcherFactory(DispatcherFactory factory) {
            dispatcherFactories.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * Uses {@code newClock} instead of the JDK's time and timer thread. The system cancels
         * what it scheduled when it terminates; the clock itself stays usable.
         *
         * @param newClock the clock, for example a test's manual clock
         * @return this builder
         */
        public Builder clock(ActorClock newClock) {
            clock = Objects.requireNonNull(newClock, "clock");
            return this;
        }

        /**
         * Creates and starts the system.
         *
         * @return the system
         * @throws HyphaeException if no runtime is on the module path or class path
         */
        public ActorSystem build() {
            ActorSystemProvider provider = ServiceLoader.load(ActorSystemProvider.class).findFirst()
                    .or(() -> ServiceLoader.load(ActorSystemProvider.class, ActorSystem.class.getClassLoader())
                            .findFirst())
                    .orElseThrow(() -> new HyphaeException(
                            "no ActorSystemProvider found: put module io.hyphae.runtime on the module path, "
                                    + "or use the ActorSystem service inside an OSGi container"));
            return provider.create(config, List.copyOf(mailboxFactories), List.copyOf(dispatcherFactories), clock);
        }
    }
}
