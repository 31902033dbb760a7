package io.hyphae.runtime.internal;

import java.util.HashMap;
import io.hyphae.api.time.ActorClock;

/**
 * One cell's timers by key, confined to its turn. A timer's message travels as a
 * {@link TimerMessage} through the mailbox and is delivered only if that exact instance
 * is still registered when it is opened, so a cancelled or replaced timer never delivers.
 */
final class CellTimers {
    private final HashMap<Object, TimerMessage> byKey = new HashMap<>();

    /** Starts (or replaces) the timer under {@code key}. */
    void start(ActorCell<?> cell, ActorClock clock, Object key, Object message, long nanos,
            boolean periodic) {
        cancel(key);
        TimerMessage t = new TimerMessage(cell, key, message, periodic);
        t.schedule(periodic
                ? clock.scheduleAtFixedRate(t, nanos, nanos)
                : clock.schedule(t, nanos));
        byKey.put(key, t);
    }

    boolean isActive(Object key) {
        return byKey.containsKey(key);
    }

    void cancel(Object key) {
        TimerMessage t = byKey.remove(key);
        if (t != null) {
            t.cancel();
        }
    }

    void cancelAll() {
        for (TimerMessage t : byKey.values()) {
            t.cancel();
        }
        byKey.clear();
    }

    /** A fired timer is being opened: true if it still counts (a single timer is then done). */
    boolean accept(TimerMessage t) {
        if (byKey.get(t.key) != t) {
            return false; // cancelled or replaced after it fired
        }
        if (!t.periodic) {
            byKey.remove(t.key);
        }
        return true;
    }
}
