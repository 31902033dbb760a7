package io.hyphae.runtime.internal;

import io.hyphae.api.ExitReason;
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

    /** Stop; {@code brutal} skips the hooks of the cell and its descendants. */
    static final class Stop extends SystemMessage {
        final ExitReason reason;
        final boolean brutal;

        Stop(ExitReason reason) {
            this(reason, false);
        }

        Stop(ExitReason reason, boolean brutal) {
            this.reason = reason;
            this.brutal = brutal;
        }
    }

    static final class Resume extends SystemMessage { }

    /**
     * Restart with a fresh instance. A parent's {@link io.hyphae.api.Directive#RESTART}
     * applies only to a failed cell; an explicit restart also takes a running one down
     * first and starts a halted one.
     */
    static final class Restart extends SystemMessage {
        final Throwable cause;
        final boolean explicit;

        Restart(Throwable cause, boolean explicit) {
            this.cause = cause;
            this.explicit = explicit;
        }
    }

    /** Take the instance down and wait, keeping ref and mailbox. */
    static final class Halt extends SystemMessage {
        final Throwable cause;
        final boolean graceful;

        Halt(Throwable cause, boolean graceful) {
            this.cause = cause;
            this.graceful = graceful;
        }
    }

    /** A child spawned with lifecycle signals has a running instance. */
    static final class ChildStarted extends SystemMessage {
        final ActorCell<?> child;
        final boolean restarted;

        ChildStarted(ActorCell<?> child, boolean restarted) {
            this.child = child;
            this.restarted = restarted;
        }
    }

    /** A halted child is down. */
    static final class ChildHalted extends SystemMessage {
        final ActorCell<?> child;

        ChildHalted(ActorCell<?> child) {
            this.child = child;
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

    /** Ends a watch by an actor, or a cancelled {@code whenTerminated} stage ({@code future} set). */
    static final class Unwatch extends SystemMessage {
        final ActorCell<?> watcher;
        final CompletableFuture<Void> future;

        Unwatch(ActorCell<?> watcher) {
            this.watcher = watcher;
            this.future = null;
        }

        Unwatch(CompletableFuture<Void> future) {
            this.watcher = null;
            this.future = future;
        }
    }

    static final class DeathNotification extends SystemMessage {
        final ActorCell<?> actor;

        DeathNotification(ActorCell<?> actor) {
            this.actor = actor;
        }
    }

    /**
     * Re-choose the mailbox factory: one step of a system-wide walk (forwarded to the
     * children), or one actor's explicit swap to {@code pin}.
     */
    static final class Reselect extends SystemMessage {
        final Walk walk;
        final io.hyphae.api.mailbox.MailboxFactory pin;
        final java.util.concurrent.CompletableFuture<Boolean> single;

        Reselect(Walk walk, io.hyphae.api.mailbox.MailboxFactory pin,
                java.util.concurrent.CompletableFuture<Boolean> single) {
            this.walk = walk;
            this.pin = pin;
            this.single = single;
        }

        /** This cell is done (or was already dead). */
        void done(boolean moved) {
            if (walk != null) {
                walk.leave(moved);
            }
            if (single != null) {
                single.complete(moved);
            }
        }
    }

    /**
     * Reports this cell's state to an inspection and forwards it to the children: one step
     * of a walk over the tree, each cell answering on its own turn.
     */
    static final class Inspect extends SystemMessage {
        final Walk walk;
        final java.util.Queue<ActorSnapshot> out;
        final int level;

        Inspect(Walk walk, java.util.Queue<ActorSnapshot> out, int level) {
            this.walk = walk;
            this.out = out;
            this.level = level;
        }
    }

    /**
     * Counts the cells a system-wide walk (reselection or inspection) still has to visit. Starts at one, the
     * starter's own token, so it cannot complete while cells are still being sent to.
     */
    static final class Walk {
        private final java.util.concurrent.atomic.AtomicInteger pending = new java.util.concurrent.atomic.AtomicInteger(1);
        private final java.util.concurrent.atomic.AtomicInteger moved = new java.util.concurrent.atomic.AtomicInteger();
        final java.util.concurrent.CompletableFuture<Integer> done = new java.util.concurrent.CompletableFuture<>();

        void enter() {
            pending.incrementAndGet();
        }

        void leave(boolean movedOne) {
            if (movedOne) {
                moved.incrementAndGet();
            }
            if (pending.decrementAndGet() == 0) {
                done.complete(moved.get());
            }
        }
    }
}
