package io.hyphae.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.osgi.annotation.versioning.ProviderType;
import org.slf4j.Logger;

/**
 * An actor's view of itself and the runtime. Use it only from inside the actor's own
 * methods; it is not thread-safe.
 *
 * @param <M> the type of message the actor accepts
 */
@ProviderType
public interface ActorContext<M> {

    /**
     * This actor's ref.
     *
     * @return the ref
     */
    ActorRef<M> self();

    /**
     * The system this actor lives in.
     *
     * @return the system
     */
    ActorSystem system();

    /**
     * Spawns a named child. The child stops when this actor stops or restarts.
     *
     * @param <C> the child's message type
     * @param factory makes the child's instances
     * @param name unique among this actor's children
     * @return the child's ref
     * @throws DuplicateActorNameException if a live child already has the name
     * @throws InvalidActorNameException if the name is not a valid path segment
     */
    <C> ActorRef<C> spawn(ActorFactory<C> factory, String name);

    /**
     * Spawns a child with options.
     *
     * @param <C> the child's message type
     * @param factory makes the child's instances
     * @param options name, mailbox and throughput
     * @return the child's ref
     */
    <C> ActorRef<C> spawn(ActorFactory<C> factory, SpawnOptions options);

    /**
     * Spawns a child with a generated name.
     *
     * @param <C> the child's message type
     * @param factory makes the child's instances
     * @return the child's ref
     */
    <C> ActorRef<C> spawnAnonymous(ActorFactory<C> factory);

    /**
     * The live children, in spawn order.
     *
     * @return a snapshot of the children
     */
    List<ActorRef<?>> children();

    /**
     * Finds a live child by name.
     *
     * @param name the child's name
     * @return the child, or empty
     */
    Optional<ActorRef<?>> child(String name);

    /**
     * Stops a child, or this actor itself. Stopping is asynchronous: children stop
     * first, then {@link Actor#onStop} runs and watchers are told.
     *
     * @param actor a child of this actor, or {@link #self()}
     * @throws IllegalArgumentException if {@code actor} is neither
     */
    void stop(ActorRef<?> actor);

    /**
     * This context seen as {@code type}: the runtime's extensions for code that builds on
     * actors, such as {@link io.hyphae.api.spi.ChildControl} for supervisors. Actors need
     * none of them.
     *
     * @param <T> the extension type
     * @param type the extension type
     * @return this context as {@code type}
     * @throws IllegalArgumentException if the runtime does not offer {@code type} here
     */
    default <T> T unwrap(Class<T> type) {
        if (type.isInstance(this)) {
            return type.cast(this);
        }
        throw new IllegalArgumentException("this actor context offers no " + type.getName());
    }

    /**
     * Watches another actor: a {@link Terminated} signal arrives once it stops, soon if
     * it already has. The signal takes its place in this actor's mailbox when the death is
     * known, so it comes after every message the watched actor sent here before it died
     * (as in Erlang and Akka), and it waits while this actor restarts. Watching twice is
     * the same as once; a watch ends when this actor stops.
     *
     * @param actor the actor to watch
     */
    void watch(ActorRef<?> actor);

    /**
     * Stops watching; no {@link Terminated} for {@code actor} is delivered after this.
     *
     * @param actor the actor to stop watching
     */
    void unwatch(ActorRef<?> actor);

    /**
     * This actor's keyed timers. Timers are cancelled when the actor stops or restarts.
     *
     * @return the timers
     */
    TimerScheduler<M> timers();

    /**
     * A logger for this actor.
     *
     * @return the logger
     */
    Logger log();

    /**
     * Asks another actor and receives the answer, or the failure, as a message of this
     * actor's own type. The mapping runs on the thread that completes the exchange, so it
     * must only build a message, not touch actor state.
     *
     * @param <Q> the target's message type
     * @param <R> the reply type
     * @param target the actor to ask
     * @param request builds the request from the ref the reply must be sent to
     * @param timeout how long to wait; after it the mapping gets an {@link AskTimeoutException}
     * @param mapResponse maps the reply, or the failure (then the reply is null), to a message
     */
    <Q, R> void ask(ActorRef<Q> target, Function<ActorRef<R>, Q> request, Duration timeout,
            BiFunction<? super R, Throwable, ? extends M> mapResponse);
}
