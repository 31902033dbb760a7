package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxQueue;
import java.util.ArrayDeque;
import java.util.function.Consumer;

/**
 * The two halves of moving an actor to a new mailbox while producers keep sending (see
 * {@link ActorCell} for the whole protocol). One instance per cell, made by its first move
 * and kept: it holds the overflow queue for rescued messages and is the lock that makes
 * the turn's drain of a replaced queue and producers' rescues from it take turns.
 */
final class MailboxMoves {

    /** Messages producers rescued from replaced queues; the cell's turn consumes it. */
    final LinkedMailboxQueue<Object> overflow = new LinkedMailboxQueue<>();

    /**
     * The turn's half: publishes the new queue, then empties, in order, the overflow, the
     * stash and the old queue into {@code segment}, which the turn handles before anything
     * else. Called only on the cell's turn.
     *
     * @param publish writes the new queue where producers read it, with volatile semantics
     */
    void replace(Runnable publish, MailboxQueue<Object> old, ArrayDeque<Object> stash, ArrayDeque<Object> segment) {
        synchronized (this) {
            publish.run();
            Object m;
            while ((m = overflow.poll()) != null) {
                segment.add(m);
            }
            if (stash != null) {
                segment.addAll(stash);
                stash.clear();
            }
            drainFully(old, segment::add);
        }
    }

    /**
     * A producer's half, when the queue it offered to was replaced meanwhile: moves what
     * the turn's drain did not see into the overflow, before the producer sends again.
     */
    void rescue(MailboxQueue<Object> old) {
        synchronized (this) {
            drainFully(old, overflow::offer);
        }
    }

    /** Moves every element of {@code from}, waiting for offers already under way. */
    private static void drainFully(MailboxQueue<Object> from, Consumer<Object> into) {
        while (!from.isEmpty()) {
            Object m = from.poll();
            if (m == null) {
                Thread.onSpinWait(); // a producer has claimed a slot but not yet written it
            } else {
                into.accept(m);
            }
        }
    }
}
