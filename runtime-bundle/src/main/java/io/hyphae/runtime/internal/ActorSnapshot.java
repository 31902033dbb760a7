package io.hyphae.runtime.internal;

import io.hyphae.api.ActorMetrics;

/**
 * One actor as an inspection saw it, on the actor's own turn.
 *
 * @param level 0 for a top-level actor, 1 for its children, and so on
 * @param metrics its counters
 * @param state its lifecycle state, in lower case
 * @param children live children
 * @param throughput messages per turn
 * @param mailboxSpec "unbounded", or the capacity and overflow policy
 * @param pinned the mailbox factory it is pinned to, or null
 */
public record ActorSnapshot(int level, ActorMetrics metrics, String state, int children, int throughput,
        String mailboxSpec, String pinned) {

    /**
     * The actor's path.
     *
     * @return the path
     */
    public String path() {
        return metrics.path();
    }
}
