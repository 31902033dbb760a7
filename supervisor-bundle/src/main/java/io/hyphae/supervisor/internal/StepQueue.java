package io.hyphae.supervisor.internal;

import java.util.ArrayDeque;

/**
 * A supervisor's work on its children: steps run one at a time, in order; a step that
 * waits (for a child to start, halt or terminate, or for a timer) stays current until the
 * matching event completes it.
 */
final class StepQueue {
    private final ArrayDeque<Steps.Step> queued = new ArrayDeque<>();
    private Steps.Step current;
    private boolean advancing;

    void add(Steps.Step s) {
        queued.add(s);
    }

    /** The step that waits, or null. */
    Steps.Step current() {
        return current;
    }

    /** The current step was settled from outside (a failed start answered by a directive). */
    void dropCurrent() {
        current = null;
    }

    /** Whether no step runs or waits. */
    boolean idle() {
        return current == null && queued.isEmpty();
    }

    /** Runs steps until one waits or none is left; re-entrant calls return at once. */
    void advance() {
        if (advancing) {
            return;
        }
        advancing = true;
        try {
            while (current == null && !queued.isEmpty()) {
                Steps.Step s = queued.poll();
                current = s;
                if (s.begin() && current == s) {
                    current = null;
                }
            }
        } finally {
            advancing = false;
        }
    }

    /** Tells the waiting step that a child changed state. */
    void changed(ChildRecord c) {
        if (current != null && current.changed(c)) {
            current = null;
        }
    }

    /** A step timer fired; runs on if that completed the waiting step. */
    void timeout(long token) {
        if (current != null && current.timeout(token)) {
            current = null;
            advance();
        }
    }

    /** Drops every step, the waiting one first, telling each. */
    void abandonAll() {
        Steps.Step was = current;
        current = null;
        if (was != null) {
            was.abandon();
        }
        for (Steps.Step s : queued) {
            s.abandon();
        }
        queued.clear();
    }
}
