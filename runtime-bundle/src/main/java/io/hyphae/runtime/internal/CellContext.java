package io.hyphae.runtime.internal;

import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Behavior;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.ExitReason;
import io.hyphae.api.MailboxFullException;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Stash;
import io.hyphae.api.TimerScheduler;
import io.hyphae.api.spi.ChildControl;
import io.hyphae.api.spi.RemoteRef;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The context handed to an actor, with the {@link ChildControl} a supervisor unwraps from
 * it. A separate object from the cell so that a ref cannot be cast into a context.
 */
final class CellContext<M> implements ActorContext<M>, TimerScheduler<M>, ChildControl {

    private final ActorCell<M> cell;

    CellContext(ActorCell<M> cell) {
        this.cell = cell;
    }

    @Override
    public ActorRef<M> self() {
        return cell;
    }

    @Override
    public ActorSystem system() {
        return cell.system;
    }

    @Override
    public <C> ActorRef<C> spawn(ActorFactory<C> factory, String name) {
        return spawn(factory, SpawnOptions.named(Objects.requireNonNull(name, "name")));
    }

    @Override
    public <C> ActorRef<C> spawn(ActorFactory<C> factory, SpawnOptions options) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(options, "options");
        return cell.spawnChild(factory, options);
    }

    @Override
    public <C> ActorRef<C> spawnAnonymous(ActorFactory<C> factory) {
        return spawn(factory, SpawnOptions.defaults());
    }

    @Override
    public List<ActorRef<?>> children() {
        return List.copyOf(cell.children());
    }

    @Override
    public Optional<ActorRef<?>> child(String name) {
        Objects.requireNonNull(name, "name");
        for (ActorCell<?> c : cell.children()) {
            if (c.name().equals(name)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    @Override
    public void stop(ActorRef<?> actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor == cell) {
            cell.sendSystem(new SystemMessage.Stop(ExitReason.NORMAL));
            return;
        }
        if (actor instanceof ActorCell<?> c && c.parent == cell) {
            c.sendSystem(new SystemMessage.Stop(ExitReason.SHUTDOWN));
            return;
        }
        throw new IllegalArgumentException(actor + " is not a child of " + cell.path()
                + "; an actor can stop only itself and its children (use ActorSystem.stop otherwise)");
    }

    @Override
    public void kill(ActorRef<?> child) {
        cell.detach(childCell(child));
    }

    @Override
    public void halt(ActorRef<?> child, Throwable cause, boolean graceful) {
        childCell(child).sendSystem(new SystemMessage.Halt(Objects.requireNonNull(cause, "cause"), graceful));
    }

    @Override
    public void restart(ActorRef<?> child, Throwable cause) {
        childCell(child).sendSystem(new SystemMessage.Restart(Objects.requireNonNull(cause, "cause"), true));
    }

    private ActorCell<?> childCell(ActorRef<?> child) {
        Objects.requireNonNull(child, "child");
        if (child instanceof ActorCell<?> c && c.parent == cell) {
            return c;
        }
        throw new IllegalArgumentException(child + " is not a child of " + cell.path());
    }

    @Override
    public void watch(ActorRef<?> actor) {
        if (actor instanceof RemoteRef<?> r) {
            cell.deathWatch().watch(cell, r);
            return;
        }
        cell.deathWatch().watch(cell, cell.system.cellOf(actor));
    }

    @Override
    public void unwatch(ActorRef<?> actor) {
        if (actor instanceof RemoteRef<?> r) {
            DeathWatch w = cell.existingDeathWatch();
            if (w != null) {
                w.unwatch(r);
            }
            return;
        }
        ActorCell<?> other = cell.system.cellOf(actor);
        DeathWatch w = cell.existingDeathWatch();
        if (w != null) {
            w.unwatch(cell, other);
        }
    }

    @Override
    public TimerScheduler<M> timers() {
        return this;
    }

    @Override
    public Logger log() {
        return cell.log();
    }

    @Override
    public <Q, R> void ask(ActorRef<Q> target, Function<ActorRef<R>, Q> request, Duration timeout,
            BiFunction<? super R, Throwable, ? extends M> mapResponse) {
        Objects.requireNonNull(mapResponse, "mapResponse");
        pipeToSelf(cell.system.<Q, R>ask(target, request, timeout), mapResponse);
    }

    @Override
    public void become(Behavior<M> behavior) {
        cell.become(Objects.requireNonNull(behavior, "behavior"));
    }

    @Override
    public void unbecome() {
        cell.become(null);
    }

    @Override
    public Stash<M> stash(int capacity) {
        return cell.userStash(capacity);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> void pipeToSelf(CompletionStage<T> stage, BiFunction<? super T, Throwable, ? extends M> mapper) {
        Objects.requireNonNull(stage, "stage");
        Objects.requireNonNull(mapper, "mapper");
        ActorCell<M> self = cell;
        BiFunction<Object, Throwable, ?> m = (BiFunction<Object, Throwable, ?>) (BiFunction<?, Throwable, ?>) mapper;
        stage.whenComplete((value, failure) -> {
            Throwable cause = failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause() : failure;
            Piped piped = new Piped(m, value, cause);
            try {
                self.enqueue(piped);
            } catch (MailboxFullException e) {
                self.deadLetter(piped, DeadLetter.Reason.MAILBOX_FULL);
            }
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> ActorRef<T> messageAdapter(Function<? super T, ? extends M> adapter) {
        Objects.requireNonNull(adapter, "adapter");
        return new AdapterRef<>(cell, (Function<Object, ?>) (Function<?, ?>) adapter);
    }

    // ------------------------------------------------------------------ timers

    @Override
    public void startSingleTimer(Object key, M message, Duration delay) {
        start(key, message, delay, false);
    }

    @Override
    public void startPeriodicTimer(Object key, M message, Duration interval) {
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("a periodic timer needs a positive interval, was " + interval);
        }
        start(key, message, interval, true);
    }

    private void start(Object key, M message, Duration delay, boolean periodic) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(message, "message");
        if (delay.isNegative()) {
            throw new IllegalArgumentException("timer delay must not be negative, was " + delay);
        }
        cell.timers().start(cell, cell.system.clock, key, message, Durations.nanos(delay), periodic);
    }

    @Override
    public boolean isTimerActive(Object key) {
        CellExtras x = cell.existingExtras();
        return x != null && x.timers != null && x.timers.isActive(key);
    }

    @Override
    public void cancel(Object key) {
        Objects.requireNonNull(key, "key");
        cell.timers().cancel(key);
    }

    @Override
    public void cancelAll() {
        cell.cancelTimers();
    }
}
