package io.hyphae.runtime.internal;

import io.hyphae.api.Stash;
import io.hyphae.api.StashOverflowException;
import java.util.ArrayDeque;
import java.util.Objects;

/**
 * An actor's {@link Stash}. Unstashed messages go to the cell's replay queue, which the turn
 * handles before anything else. Confined to the cell's turn.
 */
final class UserStash<M> implements Stash<M> {
    private final CellInbox<M> cell;
    private final ArrayDeque<Object> items = new ArrayDeque<>();
    private int capacity;

    UserStash(CellInbox<M> cell, int capacity) {
        this.cell = cell;
        this.capacity = capacity;
    }

    static void checkCapacity(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a stash holds at least 1 message, capacity was " + capacity);
        }
    }

    void resize(int newCapacity) {
        checkCapacity(newCapacity);
        if (newCapacity < items.size()) {
            throw new IllegalArgumentException("the stash holds " + items.size() + " messages; capacity "
                    + newCapacity + " is too small");
        }
        capacity = newCapacity;
    }

    @Override
    public void stash(M message) {
        Objects.requireNonNull(message, "message");
        if (items.size() >= capacity) {
            throw new StashOverflowException("the stash of " + cell.self().path() + " is full (" + capacity
                    + " messages); unstash first or make it larger");
        }
        items.add(message);
    }

    @Override
    public int unstashAll() {
        int n = items.size();
        cell.replay(items);
        return n;
    }

    @Override
    public int size() {
        return items.size();
    }

    @Override
    public int capacity() {
        return capacity;
    }

    /** Takes every stashed message out, oldest first, for dead letters. */
    ArrayDeque<Object> drain() {
        ArrayDeque<Object> out = new ArrayDeque<>(items);
        items.clear();
        return out;
    }
}
