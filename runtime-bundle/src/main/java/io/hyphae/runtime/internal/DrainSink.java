package io.hyphae.runtime.internal;

import java.util.function.Consumer;

/**
 * Receives the messages a turn drains from a mailbox and hands them to the cell. One per
 * dispatcher thread (or per cell on a dispatcher whose threads are not the runtime's), so
 * a turn allocates nothing and a ref can never be cast into a way of invoking an actor.
 * It also counts what the turn handled, so nothing is written per message into the cell,
 * whose first cache line every sender reads.
 */
final class DrainSink implements Consumer<Object> {
    CellInbox<?> cell;
    /** Messages handled through this sink; only differences are meaningful. */
    int handled;
    /** Set by a turn when the mailbox gave less than asked for. */
    boolean exhausted;
    /** Whether a message of the current batch was already handed over. */
    boolean midBatch;
    /** The thread's hand-off slot, or null on a dispatcher without one. */
    final HandOff handOff;

    /** A sink for a thread without a hand-off slot. */
    DrainSink() {
        this(null);
    }

    DrainSink(HandOff handOff) {
        this.handOff = handOff;
    }

    /**
     * A thread's hand-off slot, seen from a turn: a cell a turn scheduled waits there until
     * the turn ends, where no other thread can take it.
     */
    interface HandOff {
        /** Moves the slot's cell, if any, where other threads can take it. */
        void spill();
    }

    @Override
    public void accept(Object message) {
        if (midBatch) {
            if (handOff != null) {
                // The turn goes on: what an earlier message scheduled need not wait for it
                // when another thread is free to run it now.
                handOff.spill();
            }
        } else {
            midBatch = true;
        }
        if (cell.acceptDrained(message)) {
            handled++;
        }
    }
}
