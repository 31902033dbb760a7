package io.hyphae.api.supervision;

import io.hyphae.api.ActorRef;

/**
 * One child as its supervisor sees it (OTP's {@code which_children}).
 *
 * @param id the child's id
 * @param ref the child's ref, or null if it is not running
 * @param state its state
 * @param restart its restart type
 */
public record ChildInfo(String id, ActorRef<?> ref, State state, RestartType restart) {

    /** A child's state. */
    public enum State {
        /** Has a running instance. */
        RUNNING,
        /** Being started, restarted or stopped, or waiting for a backoff. */
        RESTARTING,
        /** Terminated but its spec is kept: {@link Supervisor#restartChild} starts it again. */
        TERMINATED
    }
}
