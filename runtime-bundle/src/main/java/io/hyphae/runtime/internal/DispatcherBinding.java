package io.hyphae.runtime.internal;

/**
 * Where a group of cells runs: the system default's cells share one binding, and the cells
 * pinned to a dispatcher share that dispatcher's. Retargeting a binding moves all its cells
 * at once: each reads {@code target} when it is next scheduled, so the move happens at a
 * turn boundary and a cell is never queued on two dispatchers.
 */
final class DispatcherBinding {

    /** The pinned dispatcher's name, or null for the default binding. */
    final String pinned;
    volatile DispatcherHandle target;

    DispatcherBinding(String pinned, DispatcherHandle target) {
        this.pinned = pinned;
        this.target = target;
    }
}
