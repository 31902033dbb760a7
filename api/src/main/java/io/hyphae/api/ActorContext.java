package io.hyphae.api;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
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
     * actor's own type, as {@link #pipeToSelf} does: nothing blocks, and the mapping runs on
     * this actor's turn, in order with its other messages.
     *
     * @param <Q> the target's message type
     * @param <R> the reply type
     * @param target the actor to ask
     * @param request builds the request from the ref the reply must be sent to
     * @param timeout how long to wait; after it the mapping gets an {@link AskTimeoutException}
     * @param mapResponse maps the reply, or the failure (then the reply is null), to a message
     * @throws IllegalArgumentException if {@code timeout} is zero or negative
     */
    <Q, R> void ask(ActorRef<Q> target, Function<ActorRef<R>, Q> request, Duration timeout,
            BiFunction<? super R, Throwable, ? extends M> mapResponse);

    /**
     * Switches the handler of this actor's messages: from the next message on, {@code behavior}
     * receives them in place of {@link Actor#receive}, until the next {@code become} or
     * {@link #unbecome}. No queued message is lost or reordered by the switch. Signals and the
     * lifecycle hooks stay with the actor. A restart or a code upgrade goes back to
     * {@link Actor#receive}. On the actor's turn only.
     *
     * @param behavior the new handler, not null
     */
    void become(Behavior<M> behavior);

    /** Goes back to {@link Actor#receive} from the next message on. On the actor's turn only. */
    void unbecome();

    /**
     * This actor's stash, made on the first call with {@code capacity}; later calls return the
     * same stash, with its capacity changed to {@code capacity}. On the actor's turn only.
     *
     * @param capacity the most it holds, at least 1
     * @return the stash
     * @throws IllegalArgumentException if {@code capacity} is below 1, or below what the stash
     *         holds now
     */
    Stash<M> stash(int capacity);

    /**
     * Delivers the outcome of a stage to this actor as a message: when {@code stage} completes,
     * on any thread, {@code mapper} turns its value or failure into a message, and that runs
     * on this actor's turn, in order with its other messages. A null result delivers nothing.
     * If the actor has stopped meanwhile, the outcome becomes a dead letter.
     *
     * @param <T> the stage's value type
     * @param stage the stage, not null
     * @param mapper value or failure (one of them null) to message; runs on the actor's turn,
     *        and what it throws fails the actor
     */
    <T> void pipeToSelf(CompletionStage<T> stage,
            BiFunction<? super T, Throwable, ? extends M> mapper);

    /**
     * A ref that takes messages of another protocol and delivers them to this actor,
     * converted by {@code adapter} on this actor's turn: give it to an actor or service that
     * speaks {@code T}. What the adapter throws fails this actor; a null result delivers
     * nothing. Messages to it after this actor stopped become dead letters.
     *
     * @param <T> the foreign message type
     * @param adapter foreign message to this actor's message, not null
     * @return the adapter's ref
     */
    <T> ActorRef<T> messageAdapter(Function<? super T, ? extends M> adapter);
}
