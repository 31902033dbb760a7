package io.hyphae.runtime.internal;

import java.util.function.Consumer;

/**
 * Receives the messages a turn drains from a mailbox and hands them to the cell. One per
 * dispatcher thread, so a turn allocates nothing and a ref can never be cast into a way
 * of invoking an actor.
 */
final class DrainSink implements Consumer<Object> {
    CellInbox<?> cell;

    @Override
    public void accept(Object message) {
        cell.acceptDrained(message);
    }
}
