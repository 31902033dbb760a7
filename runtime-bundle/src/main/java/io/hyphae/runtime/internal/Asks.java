package io.hyphae.runtime.internal;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorUnreachableException;
import io.hyphae.api.ExitReason;
import io.hyphae.api.SystemTerminatedException;
import io.hyphae.api.spi.RemoteRef;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Function;

/**
 * A system's asks from outside actors: each gets a {@link PromiseRef} and a timeout on the
 * timer thread. The ones still open when the system terminates are failed then, since
 * their timeouts never fire once the timer has shut down. An ask of a {@link RemoteRef}
 * watches it, and fails as soon as the transport reports it gone.
 */
final class Asks {

    private final HyphaeActorSystem system;
    private final Set<PromiseRef<?>> open = ConcurrentHashMap.newKeySet();

    Asks(HyphaeActorSystem system) {
        this.system = system;
    }

    <Q, R> CompletionStage<R> ask(ActorRef<Q> target, Function<ActorRef<R>, Q> request, Duration timeout) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("ask timeout must be positive, was " + timeout);
        }
        PromiseRef<R> promise = new PromiseRef<>(system, this, target, timeout);
        Q message = Objects.requireNonNull(request.apply(promise), "the request function returned null");
        // Registered before the timer is asked, so the sweep at termination (after the
        // timer is shut down) sees every ask whose timeout was accepted.
        open.add(promise);
        try {
            promise.timeoutAfter(system.clock.schedule(promise, Durations.nanos(timeout)));
        } catch (RejectedExecutionException e) {
            promise.fail(terminated());
            return promise;
        }
        if (target instanceof RemoteRef<?> remote) {
            promise.watchingTarget(remote.whenGone(reason -> promise.fail(new ActorUnreachableException(
                    "ask of " + target.path() + " failed: the actor " + (reason == ExitReason.UNREACHABLE
                            ? "became unreachable" : "stopped (" + reason + ")") + " before it answered"))));
            if (promise.isDone()) {
                return promise;
            }
        }
        try {
            target.tell(message);
        } catch (RuntimeException e) {
            promise.fail(e);
        }
        return promise;
    }

    /** Answered, failed, timed out or cancelled. */
    void done(PromiseRef<?> promise) {
        open.remove(promise);
    }

    /** The timer has shut down: fails every ask still open. */
    void failOpen() {
        for (PromiseRef<?> p : open) {
            p.fail(terminated());
        }
    }

    private SystemTerminatedException terminated() {
        return new SystemTerminatedException("actor system '" + system.name()
                + "' has terminated; the ask was not answered");
    }
}
