package io.hyphae.perf.workload;

import io.hyphae.api.Actor;
import java.util.concurrent.CompletableFuture;

/**
 * A receiver that counts what it handles. A {@link CompletableFuture} sent to it is
 * completed, so a sender knows everything it sent before has been handled; a
 * {@link Count} is answered with the count.
 */
final class Counter implements Actor<Object> {

    /** Asks a counter for its count. */
    record Count(CompletableFuture<Long> reply) {
    }

    private long count;

    @Override
    public void receive(Object m) {
        if (m instanceof CompletableFuture<?> f) {
            f.complete(null);
        } else if (m instanceof Count c) {
            c.reply().complete(count);
        } else {
            count++;
        }
    }
}
