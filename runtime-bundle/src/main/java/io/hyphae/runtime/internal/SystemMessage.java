package io.hyphae.runtime.internal;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorNotFoundException;

import io.hyphae.api.ChildHalted;
import io.hyphae.api.ChildStarted;
import io.hyphae.api.ExitReason;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.spi.RemoteRef;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;

/**
 * Messages between the runtime and an actor cell, handled before user messages. Each
 * instance is pushed once onto one cell's intrusive stack ({@link #next}).
 *
 * <p>Each type delivers itself ({@link #deliver}, on the cell's turn while it lives) and
 * says what happens when it reaches a cell that has terminated ({@link #bounce}, on the
 * sender's thread or the dying cell's last turn). Most have nothing to do then; those
 * whose sender waits for an answer (a walk, a watch) give it.
 */
abstract sealed class SystemMessage {
    SystemMessage next;

    /** Marks a closed stack: the cell has terminated. */
    static final SystemMessage CLOSED = new Closed();

    /** Handles this message on {@code cell}'s turn; the cell has not terminated. */
    abstract void deliver(ActorCell<?> cell);

    /** This message reached {@code dead} after it terminated. */
    void bounce(ActorCell<?> dead) {
    }

    /** Reverses a stack popped from a cell (newest first) into arrival order. */
    static SystemMessage earliestFirst(SystemMessage newestFirst) {
        SystemMessage fifo = null;
        SystemMessage list = newestFirst;
        while (list != null) {
            SystemMessage n = list.next;
            list.next = fifo;
            fifo = list;
            list = n;
        }
        return fifo;
    }

    static final class Closed extends SystemMessage {
        @Override
        void deliver(ActorCell<?> cell) {
            throw new IllegalStateException("the closed marker is never delivered");
        }
    }

    static final class Create extends SystemMessage {
        @Override
        void deliver(ActorCell<?> cell) {
            cell.create();
        }
    }

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

        @Override
        void deliver(ActorCell<?> cell) {
            cell.stop(reason, brutal);
        }
    }

    static final class Resume extends SystemMessage {
        @Override
        void deliver(ActorCell<?> cell) {
            cell.resume();
        }
    }

    /**
     * Restart with a fresh instance. A parent's {@code Directive.RESTART}
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

        @Override
        void deliver(ActorCell<?> cell) {
            if (explicit) {
                cell.restartExplicitly(cause);
            } else {
                cell.restartFailed(cause);
            }
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

        @Override
        void deliver(ActorCell<?> cell) {
            cell.halt(cause, graceful);
        }
    }

    /** A child spawned with lifecycle signals has a running instance (the parent hears {@link ChildStarted}). */
    static final class ChildUp extends SystemMessage {
        final ActorCell<?> child;
        final boolean restarted;

        ChildUp(ActorCell<?> child, boolean restarted) {
            this.child = child;
            this.restarted = restarted;
        }

        @Override
        void deliver(ActorCell<?> cell) {
            if (child.parent == cell) {
                cell.signal(new ChildStarted(child, restarted));
            }
        }
    }

    /** A halted child is down (the parent hears {@link ChildHalted}). */
    static final class ChildDown extends SystemMessage {
        final ActorCell<?> child;

        ChildDown(ActorCell<?> child) {
            this.child = child;
        }

        @Override
        void deliver(ActorCell<?> cell) {
            if (child.parent == cell) {
                cell.signal(new ChildHalted(child));
            }
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

        @Override
        void deliver(ActorCell<?> cell) {
            cell.childFailed(child, cause);
        }
    }

    static final class ChildTerminated extends SystemMessage {
        final ActorCell<?> child;

        ChildTerminated(ActorCell<?> child) {
            this.child = child;
        }

        @Override
        void deliver(ActorCell<?> cell) {
            cell.childTerminated(child);
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

        @Override
        void deliver(ActorCell<?> cell) {
            cell.deathWatch().addWatcher(cell, watcher, future);
        }

        /** Watching the dead: the answer comes at once. */
        @Override
        void bounce(ActorCell<?> dead) {
            if (future != null) {
                future.complete(null);
            } else {
                watcher.sendSystem(new DeathNotification(dead));
            }
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

        @Override
        void deliver(ActorCell<?> cell) {
            DeathWatch w = cell.existingDeathWatch();
            if (w != null) {
                w.removeWatcher(watcher, future);
            }
        }
    }

    /** An actor this cell watches has terminated. */
    static final class DeathNotification extends SystemMessage {
        final ActorCell<?> actor;

        DeathNotification(ActorCell<?> actor) {
            this.actor = actor;
        }

        @Override
        void deliver(ActorCell<?> cell) {
            DeathWatch w = cell.existingDeathWatch();
            if (w != null) {
                w.deathOf(cell, actor);
            }
        }
    }

    /** A remote actor this cell watches is gone, as its transport reported. */
    static final class RemoteDeath extends SystemMessage {
        final RemoteRef<?> actor;
        final ExitReason reason;

        RemoteDeath(RemoteRef<?> actor, ExitReason reason) {
            this.actor = actor;
            this.reason = reason;
        }

        @Override
        void deliver(ActorCell<?> cell) {
            DeathWatch w = cell.existingDeathWatch();
            if (w != null) {
                w.remoteDeathOf(cell, actor, reason);
            }
        }
    }

    /** Replace the instance's code in place (see {@code ActorSystem.upgrade}). */
    static final class Upgrade extends SystemMessage {
        final ActorFactory<?> factory;
        final String version;
        final CompletableFuture<io.hyphae.api.Upgrade> done;

        Upgrade(ActorFactory<?> factory, String version, CompletableFuture<io.hyphae.api.Upgrade> done) {
            this.factory = factory;
            this.version = version;
            this.done = done;
        }

        @Override
        void deliver(ActorCell<?> cell) {
            cell.upgrade(this);
        }

        @Override
        void bounce(ActorCell<?> dead) {
            done.completeExceptionally(dead.system.guardian.isTerminating()
                    ? dead.system.terminatedError("actor " + dead.path() + " has terminated with it")
                    : new ActorNotFoundException("actor " + dead.path() + " has terminated; there is nothing to upgrade"));
        }
    }

    /**
     * Re-choose the mailbox factory: one step of a system-wide walk (forwarded to the
     * children), or one actor's explicit swap to {@code pin}.
     */
    static final class Reselect extends SystemMessage {
        final Walk walk;
        final MailboxFactory pin;
        final CompletableFuture<Boolean> single;

        Reselect(Walk walk, MailboxFactory pin, CompletableFuture<Boolean> single) {
            this.walk = walk;
            this.pin = pin;
            this.single = single;
        }

        @Override
        void deliver(ActorCell<?> cell) {
            cell.reselect(this);
        }

        @Override
        void bounce(ActorCell<?> dead) {
            done(false);
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
        final Queue<ActorSnapshot> out;
        final int level;

        Inspect(Walk walk, Queue<ActorSnapshot> out, int level) {
            this.walk = walk;
            this.out = out;
            this.level = level;
        }

        @Override
        void deliver(ActorCell<?> cell) {
            cell.inspect(this);
        }

        @Override
        void bounce(ActorCell<?> dead) {
            walk.leave(false);
        }
    }

    /** Counts, over a walk of the tree, the cells with messages queued (the drain phase). */
    static final class Probe extends SystemMessage {
        final Walk walk;

        Probe(Walk walk) {
            this.walk = walk;
        }

        @Override
        void deliver(ActorCell<?> cell) {
            cell.probe(this);
        }

        @Override
        void bounce(ActorCell<?> dead) {
            walk.leave(false);
        }
    }
}
