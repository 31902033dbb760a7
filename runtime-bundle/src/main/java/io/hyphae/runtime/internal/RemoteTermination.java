package io.hyphae.runtime.internal;

import io.hyphae.api.spi.RemoteRef;
import io.hyphae.api.time.Cancellable;
import java.util.concurrent.CompletableFuture;

/**
 * A stage of {@code whenTerminated} for a remote actor: completed by its transport's
 * report; cancelling it ends the watch.
 */
final class RemoteTermination extends CompletableFuture<Void> {
    private final Cancellable watch;

    RemoteTermination(RemoteRef<?> remote) {
        this.watch = remote.whenGone(reason -> complete(null));
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
        boolean cancelled = super.cancel(mayInterruptIfRunning);
        if (cancelled) {
            watch.cancel();
        }
        return cancelled;
    }
}
