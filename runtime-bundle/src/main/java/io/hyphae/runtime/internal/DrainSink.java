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

    @Override
    public void accept(Object message) {
        if (cell.acceptDrained(message)) {
            handled++;
        }
    }
}
