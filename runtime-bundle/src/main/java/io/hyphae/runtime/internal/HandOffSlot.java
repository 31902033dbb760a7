package io.hyphae.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A dispatcher thread's one-element hand-off slot: what a turn schedules waits here and runs
 * right after that turn on the same thread.
 *
 * <p>The protocol: only the owning thread fills the slot ({@link #put}, {@link #putIfEmpty});
 * any thread (the owner, a thread stealing, a watch thread) empties a full slot with a CAS
 * ({@link #take}). So an owner that reads "empty" may fill it with a plain release store, as
 * nobody else can fill it in between, and every element put in leaves exactly once: taken by
 * one thread, or handed back to the owner as displaced. A thread that takes an element sees
 * everything the owner wrote before putting it in. jcstress ({@code HandOffSlotStress})
 * checks each of these.
 *
 * @param <T> what the slot holds
 */
final class HandOffSlot<T> {

    private static final VarHandle ITEM;

    static {
        try {
            ITEM = MethodHandles.lookup().findVarHandle(HandOffSlot.class, "item", Object.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through ITEM
    private volatile Object item;

    /**
     * Puts {@code t} in the slot. Owner only.
     *
     * @return the element it displaced, which the caller must schedule elsewhere; null if
     *     the slot was empty
     */
    @SuppressWarnings("unchecked")
    T put(T t) {
        if (ITEM.getOpaque(this) == null) {
            // Only the owner fills an empty slot: nobody can fill it between the read and the store.
            ITEM.setRelease(this, t);
            return null;
        }
        return (T) ITEM.getAndSet(this, t);
    }

    /**
     * Puts {@code t} in the slot if it is empty. Owner only.
     *
     * @return whether it was put in
     */
    boolean putIfEmpty(T t) {
        if (ITEM.getOpaque(this) == null) {
            ITEM.setRelease(this, t);
            return true;
        }
        return false;
    }

    /**
     * Takes the element in the slot, from any thread.
     *
     * @return the element, or null if the slot was empty or another thread took it first
     */
    @SuppressWarnings("unchecked")
    T take() {
        Object t = ITEM.getAcquire(this);
        return t != null && ITEM.compareAndSet(this, t, null) ? (T) t : null;
    }

    /** Whether the slot holds an element; a snapshot, from any thread. */
    boolean isFull() {
        return ITEM.getAcquire(this) != null;
    }
}
