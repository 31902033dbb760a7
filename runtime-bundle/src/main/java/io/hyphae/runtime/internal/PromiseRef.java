package io.hyphae.runtime.internal;

import io.hyphae.api.ActorRef;
import io.hyphae.api.time.Cancellable;
import io.hyphae.api.AskTimeoutException;
import io.hyphae.api.DeadLetter;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The reply ref of one ask, and its answer. The first reply completes it; later replies,
 * and replies after the timeout, become dead letters.
 */
final class PromiseRef<R> extends CompletableFuture<R> implements ActorRef<R>, Runnable {

    private final HyphaeActorSystem system;
    private final Asks asks;
    private final ActorRef<?> target;
    private final Duration timeout;
    private volatile Cancellable timeoutTask;
    /** The watch of a remote target, which fails the ask early if the target goes. */
    private volatile Cancellable targetWatch;

    PromiseRef(HyphaeActorSystem system, Asks asks, ActorRef<?> target, Duration timeout) {
        this.system = system;
        this.asks = asks;
        this.target = target;
        this.timeout = timeout;
    }

    void timeoutAfter(Cancellable task) {
        timeoutTask = task;
        if (isDone()) {
            task.cancel();
        }
    }

    void watchingTarget(Cancellable watch) {
        targetWatch = watch;
        if (isDone()) {
            watch.cancel();
        }
    }

    @Override
    public void tell(R message) {
        if (message == null) {
            throw new NullPointerException("reply must not be null (reply to an ask of " + target.path() + ")");
        }
        if (complete(message)) {
            done();
        } else {
            system.deadLetters.post(message, this, DeadLetter.Reason.LATE_REPLY);
        }
    }

    /** The timeout fired. */
    @Override
    public void run() {
        asks.done(this);
        cancelTargetWatch();
        completeExceptionally(new AskTimeoutException(
                "ask of " + target.path() + " was not answered within " + timeout.toMillis() + " ms"));
    }

    /** Fails the ask now (the request could not be sent, or the system terminated). */
    void fail(Throwable cause) {
        if (completeExceptionally(cause)) {
            done();
        }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            done();
        }
        return cancelled;
    }

    /** Answered, failed or cancelled: neither the timer nor the system keeps it any longer. */
    private void done() {
        Cancellable t = timeoutTask;
        if (t != null) {
            t.cancel();
        }
        cancelTargetWatch();
        asks.done(this);
    }

    private void cancelTargetWatch() {
        Cancellable w = targetWatch;
        if (w != null) {
            w.cancel();
        }
    }

    /**
     * Spins up to the dispatcher's idle spin time before parking: an answer usually comes
     * within microseconds, and waking a parked thread costs more than that.
     */
    @Override
    public R join() {
        spinUntilDone();
        return super.join();
    }

    @Override
    public R get() throws InterruptedException, ExecutionException {
        spinUntilDone();
        return super.get();
    }

    @Override
    public R get(long time, TimeUnit unit) throws InterruptedException, ExecutionException, TimeoutException {
        spinUntilDone();
        return super.get(time, unit);
    }

    private void spinUntilDone() {
        Backoff.spinUntil(this::isDone, system.spinNanos());
    }

    @Override
    public String name() {
        return "$ask";
    }

    @Override
    public String path() {
        return target.path() + "/$ask";
    }

    @Override
    public String toString() {
        return "ActorRef[" + path() + "]";
    }

    @Override
    public boolean equals(Object o) {
        return this == o;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(this);
    }
}
