package io.hyphae.runtime.internal;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Counts the cells a system-wide walk (mailbox reselection or inspection) still has to
 * visit. Starts at one, the starter's own token, so it cannot complete while cells are
 * still being sent to; each visited cell enters its children before it leaves.
 */
final class Walk {
    private final AtomicInteger pending = new AtomicInteger(1);
    private final AtomicInteger moved = new AtomicInteger();
    /** Completes with the number of cells that reported a move. */
    final CompletableFuture<Integer> done = new CompletableFuture<>();

    void enter() {
        pending.incrementAndGet();
    }

    void leave(boolean movedOne) {
        if (movedOne) {
            moved.incrementAndGet();
        }
        if (pending.decrementAndGet() == 0) {
            done.complete(moved.get());
        }
    }
}
