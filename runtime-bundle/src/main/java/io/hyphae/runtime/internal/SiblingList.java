package io.hyphae.runtime.internal;

import java.util.ArrayList;
import java.util.List;

/**
 * An intrusive doubly linked list of actor cells through their sibling links: eight bytes
 * per actor instead of a map entry. Not thread-safe: a parent uses it on its own turn, the
 * system's guardian under a lock.
 */
final class SiblingList {
    private ActorCell<?> first;
    private ActorCell<?> last;
    private int size;

    void add(ActorCell<?> cell) {
        cell.prevSibling = last;
        cell.nextSibling = null;
        if (last == null) {
            first = cell;
        } else {
            last.nextSibling = cell;
        }
        last = cell;
        size++;
    }

    /** Removes the cell if it is in this list; returns whether it was. */
    boolean remove(ActorCell<?> cell) {
        if (cell.prevSibling == null && first != cell) {
            return false;
        }
        ActorCell<?> p = cell.prevSibling;
        ActorCell<?> n = cell.nextSibling;
        if (p == null) {
            first = n;
        } else {
            p.nextSibling = n;
        }
        if (n == null) {
            last = p;
        } else {
            n.prevSibling = p;
        }
        cell.prevSibling = null;
        cell.nextSibling = null;
        size--;
        return true;
    }

    /** The newest cell, or null. */
    ActorCell<?> last() {
        return last;
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    List<ActorCell<?>> snapshot() {
        List<ActorCell<?>> list = new ArrayList<>(size);
        for (ActorCell<?> c = first; c != null; c = c.nextSibling) {
            list.add(c);
        }
        return list;
    }
}
