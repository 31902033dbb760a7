package io.hyphae.runtime.internal;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorMetrics;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Subscription;
import io.hyphae.api.SystemMetrics;
import io.hyphae.api.Upgrade;
import io.hyphae.api.shutdown.CoordinatedShutdown;
import io.hyphae.api.shutdown.ShutdownPhase;
import io.hyphae.api.shutdown.ShutdownReason;
import io.hyphae.api.shutdown.ShutdownReport;
import io.hyphae.api.spi.DeadLetterSink;
import io.hyphae.api.spi.MailboxDepths;
import io.hyphae.api.time.Cancellable;
import io.hyphae.api.time.ActorClock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One user's view of a shared system: it remembers the top-level actors spawned through
 * it and stops them on {@link #release()}. The container hands each bundle its own view,
 * so a bundle that stops takes its actors with it. Terminating the shared system through a
 * view is refused.
 */
public final class ScopedActorSystem implements ActorSystem, DeadLetterSink, MailboxDepths {

    private static final Logger LOG = LoggerFactory.getLogger(ScopedActorSystem.class);

    private final RuntimeAdmin system;
    private final String owner;
    private final Set<ActorRef<?>> spawned = ConcurrentHashMap.newKeySet();
    /** Dead-letter subscriptions made through this view, one per subscriber. */
    private final ConcurrentHashMap<ActorRef<?>, Subscription> subscriptions = new ConcurrentHashMap<>();
    /** Shutdown tasks added through this view; their code is the owner's. */
    private final Set<Cancellable> shutdownTasks = ConcurrentHashMap.newKeySet();
    private final CoordinatedShutdown shutdownView = new CoordinatedShutdown() {
        @Override
        public Cancellable addTask(ShutdownPhase phase, String name, Supplier<? extends CompletionStage<?>> task) {
            Cancellable c = system.coordinatedShutdown().addTask(phase, name, task);
            Cancellable tracked = new Cancellable() {
                @Override
                public boolean cancel() {
                    shutdownTasks.remove(this);
                    return c.cancel();
                }
            };
            shutdownTasks.add(tracked);
            return tracked;
        }

        @Override
        public CompletionStage<ShutdownReport> run(ShutdownReason reason) {
            Objects.requireNonNull(reason, "reason");
            throw sharedError("shut down");
        }

        @Override
        public Optional<ShutdownReason> reason() {
            return system.coordinatedShutdown().reason();
        }

        @Override
        public Duration timeout(ShutdownPhase phase) {
            return system.coordinatedShutdown().timeout(phase);
        }
    };

    /**
     * Creates a view.
     *
     * @param system the shared system
     * @param owner who uses the view, for log messages
     */
    public ScopedActorSystem(RuntimeAdmin system, String owner) {
        this.system = system;
        this.owner = owner;
    }

    /** Stops every actor spawned through this view and cancels its subscriptions and shutdown tasks. */
    public void release() {
        for (Cancellable task : shutdownTasks) {
            task.cancel();
        }
        shutdownTasks.clear();
        for (Subscription s : subscriptions.values()) {
            s.cancel();
        }
        subscriptions.clear();
        if (!spawned.isEmpty()) {
            LOG.info("stopping {} actors spawned by {}", spawned.size(), owner);
        }
        for (ActorRef<?> ref : spawned) {
            system.stop(ref);
        }
        spawned.clear();
    }

    int ownedActors() {
        return spawned.size();
    }

    int deadLetterSubscriptions() {
        return subscriptions.size();
    }

    private <M> ActorRef<M> track(ActorRef<M> ref) {
        spawned.add(ref);
        system.whenTerminated(ref).thenRun(() -> spawned.remove(ref));
        return ref;
    }

    @Override
    public String name() {
        return system.name();
    }

    @Override
    public <M> ActorRef<M> spawn(ActorFactory<M> factory, String name) {
        return track(system.spawn(factory, name));
    }

    @Override
    public <M> ActorRef<M> spawn(ActorFactory<M> factory, SpawnOptions options) {
        return track(system.spawn(factory, options));
    }

    @Override
    public <M> ActorRef<M> spawnAnonymous(ActorFactory<M> factory) {
        return track(system.spawnAnonymous(factory));
    }

    @Override
    public void stop(ActorRef<?> actor) {
        system.stop(actor);
    }

    @Override
    public <M> Optional<ActorRef<M>> find(String path) {
        return system.find(path);
    }

    @Override
    public <Q, R> CompletionStage<R> ask(ActorRef<Q> target, Function<ActorRef<R>, Q> request, Duration timeout) {
        return system.ask(target, request, timeout);
    }

    @Override
    public CompletionStage<Void> whenTerminated(ActorRef<?> actor) {
        return system.whenTerminated(actor);
    }

    @Override
    public void deadLetter(Object message, ActorRef<?> recipient, DeadLetter.Reason reason) {
        system.deadLetter(message, recipient, reason);
    }

    @Override
    public Subscription subscribeDeadLetters(ActorRef<DeadLetter> subscriber) {
        Subscription s = system.subscribeDeadLetters(subscriber);
        subscriptions.put(subscriber, s);
        // Subscribers that stopped left the system's list already; forget them here too.
        subscriptions.keySet().removeIf(ref -> system.metrics(ref).isEmpty());
        return () -> {
            subscriptions.remove(subscriber, s);
            s.cancel();
        };
    }

    @Override
    public SystemMetrics metrics() {
        return system.metrics();
    }

    @Override
    public Optional<ActorMetrics> metrics(ActorRef<?> actor) {
        return system.metrics(actor);
    }

    @Override
    public CompletionStage<Integer> swapMailboxes(String factoryName) {
        return system.swapMailboxes(factoryName);
    }

    @Override
    public CompletionStage<Boolean> swapMailbox(ActorRef<?> actor, String factoryName) {
        return system.swapMailbox(actor, factoryName);
    }

    @Override
    public List<String> dispatchers() {
        return system.dispatchers();
    }

    @Override
    public String defaultDispatcher() {
        return system.defaultDispatcher();
    }

    @Override
    public void useDispatcher(String name) {
        system.useDispatcher(name);
    }

    @Override
    public <M> CompletionStage<Upgrade> upgrade(ActorRef<M> actor, ActorFactory<M> factory, String version) {
        return system.upgrade(actor, factory, version);
    }

    @Override
    public ActorClock clock() {
        return system.clock();
    }

    @Override
    public io.hyphae.api.receptionist.Receptionist receptionist() {
        return system.receptionist();
    }

    @Override
    public int depth(ActorRef<?> actor) {
        return system.depth(actor);
    }

    @Override
    public CoordinatedShutdown coordinatedShutdown() {
        return shutdownView;
    }

    @Override
    public CompletionStage<Void> terminate() {
        throw sharedError("terminated");
    }

    private UnsupportedOperationException sharedError(String what) {
        return new UnsupportedOperationException("the ActorSystem service '" + name()
                + "' is shared by the container and cannot be " + what + " by " + owner
                + "; stop the container or bundle io.hyphae.runtime to shut it down");
    }

    @Override
    public void close() {
        terminate();
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return system.awaitTermination(timeout);
    }

    @Override
    public String toString() {
        return "ActorSystem[" + name() + " as seen by " + owner + "]";
    }
}
