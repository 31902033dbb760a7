package io.hyphae.runtime.internal;

import java.util.concurrent.CompletableFuture;

/**
 * Messages between the runtime and an actor cell, processed before user messages. Each
 * instance is pushed once onto one cell's intrusive stack ({@link #next}).
 */
abstract class SystemMessage {
    SystemMessage next;

    /** Marks a closed stack: the cell has terminated. */
    static final SystemMessage CLOSED = new SystemMessage() { };

    static final class Create extends SystemMessage { }

    static final class Stop extends SystemMessage { }

    static final class Resume extends SystemMessage { }

    static final class Restart extends SystemMessage {
        final Throwable cause;

        Restart(Throwable cause) {
            this.cause = cause;
        }
    }

    /** A child reports its failure to its parent. */
    static final class Failed extends SystemMessage {
        final ActorCell<?> child;
        final Throwable cause;

        Failed(ActorCell<?> child, Throwable cause) {
            this.child = child;
            this.cause = cause;
        }
    }

    static final class ChildTerminated extends SystemMessage {
        final ActorCell<?> child;

        ChildTerminated(ActorCell<?> child) {
            this.child = child;
        }
    }

    /** Watch by an actor ({@code watcher} set) or from outside ({@code future} set). */
    static final class Watch extends SystemMessage {
        final ActorCell<?> watcher;
        final CompletableFuture<Void> future;

        Watch(ActorCell<?> watcher, CompletableFuture<Void> future) {
            this.watcher = watcher;
            this.future = future;
        }
    }

    static final class Unwatch extends SystemMessage {
        final ActorCell<?> watcher;

        Unwatch(ActorCell<?> watcher) {
            this.watcher = watcher;
        }
    }

    static final class DeathNotification extends SystemMessage {
        final ActorCell<?> actor;

        DeathNotification(ActorCell<?> actor) {
            this.actor = actor;
        }
    }
}
