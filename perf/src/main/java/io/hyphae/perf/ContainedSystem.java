package io.hyphae.perf;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorMetrics;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Subscription;
import io.hyphae.api.SystemMetrics;
import io.hyphae.api.Upgrade;
import io.hyphae.api.time.ActorClock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The ActorSystem service of an embedded container, as a benchmark uses it: every call
 * goes to the service, and closing it stops the container (the service itself refuses to
 * terminate the shared system).
 */
final class ContainedSystem implements ActorSystem {

    final FelixContainer container;
    private final ActorSystem system;

    ContainedSystem(FelixContainer container, ActorSystem system) {
        this.container = container;
        this.system = system;
    }

    @Override
    public String name() {
        return system.name();
    }

    @Override
    public <M> ActorRef<M> spawn(ActorFactory<M> factory, String name) {
        return system.spawn(factory, name);
    }

    @Override
    public <M> ActorRef<M> spawn(ActorFactory<M> factory, SpawnOptions options) {
        return system.spawn(factory, options);
    }

    @Override
    public <M> ActorRef<M> spawnAnonymous(ActorFactory<M> factory) {
        return system.spawnAnonymous(factory);
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
    public Subscription subscribeDeadLetters(ActorRef<DeadLetter> subscriber) {
        return system.subscribeDeadLetters(subscriber);
    }

    @Override
    public <T> T unwrap(Class<T> type) {
        return system.unwrap(type);
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
    public io.hyphae.api.shutdown.CoordinatedShutdown coordinatedShutdown() {
        return system.coordinatedShutdown();
    }

    /** Stops the container, and with it the system. */
    @Override
    public CompletionStage<Void> terminate() {
        container.close();
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public boolean awaitTermination(Duration timeout) {
        return true;
    }

    @Override
    public void close() {
        container.close();
    }
}
