package io.hyphae.runtime.internal;

import java.util.concurrent.atomic.LongAdder;

/** A system's event counters, written from any thread and summed on demand. */
final class RuntimeCounters {
    private final LongAdder spawned = new LongAdder();
    private final LongAdder stopped = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder restarts = new LongAdder();
    private final LongAdder mailboxMoves = new LongAdder();
    private final LongAdder mailboxRescues = new LongAdder();

    void spawned() {
        spawned.increment();
    }

    void stopped() {
        stopped.increment();
    }

    void failed() {
        failures.increment();
    }

    void restarted() {
        restarts.increment();
    }

    void mailboxMoved() {
        mailboxMoves.increment();
    }

    void mailboxRescued() {
        mailboxRescues.increment();
    }

    long spawnedTotal() {
        return spawned.sum();
    }

    long live() {
        return spawned.sum() - stopped.sum();
    }

    long failures() {
        return failures.sum();
    }

    long restarts() {
        return restarts.sum();
    }

    long mailboxMoves() {
        return mailboxMoves.sum();
    }

    long mailboxRescues() {
        return mailboxRescues.sum();
    }
}
