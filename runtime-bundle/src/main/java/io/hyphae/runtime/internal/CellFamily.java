package io.hyphae.runtime.internal;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.Directive;
import io.hyphae.api.ExitReason;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Terminated;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.spi.OrderedShutdown;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fourth layer of a cell: its children and its stop. A stop takes the children down
 * first, newest first and one at a time, then runs the hook and announces the death (name
 * freed, watchers told, system-message stack closed, parent told). A failed child's fate is
 * decided here, by the instance's {@code onChildFailure}.
 */
abstract class CellFamily<M> extends CellLifecycle<M> {

    private static final Logger LOG = LoggerFactory.getLogger(ActorCell.class);

    /** Links in the parent's (or the guardian's) list of children. */
    ActorCell<?> prevSibling;
    ActorCell<?> nextSibling;

    CellFamily(HyphaeActorSystem system, ActorCell<?> parent, ActorFactory<M> factory, int throughput,
            DispatcherBinding binding, MailboxSpec spec, MailboxQueue<Object> mailbox, MailboxFactory mailboxFactory, boolean lifecycleSignals,
            boolean failureLogging) {
        super(system, parent, factory, throughput, binding, spec, mailbox, mailboxFactory, lifecycleSignals,
                failureLogging);
    }

    // ------------------------------------------------------------------ stop and terminate

    /**
     * Stops the cell: children first, newest first and one at a time, then the hook.
     * A brutal stop skips the hooks here and below, and upgrades a stop in progress.
     */
    @Override
    final void stop(ExitReason reason, boolean brutal) {
        // A graceful stop from outside (NORMAL is the actor's own) is the actor's to carry
        // out if it orders its own shutdown; everything else is the runtime's.
        if (!brutal && reason != ExitReason.NORMAL && lifecycle == RUNNING
                && instance() instanceof OrderedShutdown o) {
            if ((flags & STOP_REQUESTED) != 0) {
                return; // already stopping its children in its own order
            }
            flags |= (byte) STOP_REQUESTED;
            keepReason(reason);
            try {
                o.onStopRequested(reason);
                return;
            } catch (Throwable t) {
                LOG.error("actor {} failed to start its ordered shutdown; stopping it now", path(), t);
            }
        }
        stopNow(reason, brutal);
    }

    /** Records why the cell stops; the first reason wins (an ordered shutdown ends with a self-stop). */
    private void keepReason(ExitReason reason) {
        if ((flags & REASON_MASK) == 0) {
            flags = (byte) (flags | (reason.ordinal() + 1) << REASON_SHIFT);
        }
    }

    @Override
    final void stopNow(ExitReason reason, boolean brutal) {
        byte l = lifecycle;
        if (l == TERMINATED) {
            return;
        }
        if (l == STOPPING) {
            if (brutal && (flags & KILLED) == 0) {
                flags |= (byte) (KILLED | KILL_CHILDREN);
                stopNextChild();
            }
            return;
        }
        keepReason(reason);
        if (brutal) {
            flags |= (byte) (KILLED | KILL_CHILDREN);
        }
        cancelTimers();
        if (hasChildren()) {
            lifecycle = STOPPING;
            stopNextChild();
        } else {
            finishTerminate();
        }
    }

    @Override
    final ExitReason exitReason() {
        int r = (flags >> REASON_SHIFT) & 3;
        return r == 0 ? ExitReason.SHUTDOWN : REASONS[r - 1];
    }

    /**
     * The last step of a stop. Whatever a hook, a drain or a dead-letter subscriber throws,
     * it runs to the end: watchers, the parent and the system always hear of the death.
     * Watchers hear before the system-message stack closes, so a watch that reaches the
     * closed stack, and completes at once, completes after every earlier watcher's.
     */
    @Override
    final void finishTerminate() {
        Actor<M> a = takeInstance();
        if (a != null && (flags & KILLED) == 0) {
            try {
                a.onStop();
            } catch (Throwable t) {
                LOG.warn("onStop of {} failed", path(), t);
            }
        }
        lifecycle = TERMINATED;
        markDead();
        try {
            drainToDeadLetters();
        } catch (Throwable t) {
            LOG.error("turning the queue of {} into dead letters failed; the rest is dropped", path(), t);
        }
        ActorCell<M> self = self();
        try {
            // Free the name before anyone hears of the death, so it can be reused at once.
            system.cellTerminated(self);
            CellExtras x = existingExtras();
            if (x != null && x.watch != null) {
                x.watch.terminated(self);
            }
        } catch (Throwable t) {
            LOG.error("notifying the watchers of {} failed", path(), t);
        }
        // From here senders bounce their own system messages; what is already on the
        // stack bounces the same way.
        SystemMessage rest = closeSystemMessages();
        while (rest != null) {
            SystemMessage n = rest.next;
            rest.next = null;
            try {
                rest.bounce(self);
            } catch (Throwable t) {
                LOG.error("a system message to the terminated {} failed", path(), t);
            }
            rest = n;
        }
        if (parent != null) {
            parent.sendSystem(new SystemMessage.ChildTerminated(self));
        } else {
            system.guardian.topLevelTerminated(self);
        }
    }

    // ------------------------------------------------------------------ children

    @Override
    final boolean hasChildren() {
        CellExtras x = existingExtras();
        return x != null && x.children != null && !x.children.isEmpty();
    }

    @Override
    final void stopNextChild() {
        ActorCell<?> c = extras().children.last();
        if (c != null) {
            c.sendSystem(new SystemMessage.Stop(ExitReason.SHUTDOWN, (flags & KILL_CHILDREN) != 0));
        }
    }

    @Override
    final void resumeChildren() {
        for (ActorCell<?> c : children()) {
            c.sendSystem(new SystemMessage.Resume());
        }
    }

    /** The children, oldest first; a copy. */
    final List<ActorCell<?>> children() {
        CellExtras x = existingExtras();
        return x == null || x.children == null ? List.of() : x.children.snapshot();
    }

    /** Spawns a child; on this actor's turn. */
    final <C> ActorCell<C> spawnChild(ActorFactory<C> childFactory, SpawnOptions options) {
        byte l = lifecycle;
        if (l == STOPPING || l == TERMINATED) {
            throw new IllegalStateException("actor " + path() + " is stopping and cannot spawn children");
        }
        ActorCell<C> child = system.newCell(self(), childFactory, options);
        CellExtras x = extras();
        if (x.children == null) {
            x.children = new SiblingList();
        }
        x.children.add(child);
        child.sendSystem(new SystemMessage.Create());
        return child;
    }

    /**
     * Kills a child and stops waiting for it, on this cell's turn: it leaves the children
     * (so this cell's own stop or restart does not wait for a handler that may never
     * return) and frees its name at once; it terminates without hooks after the message
     * it is handling, if any. Its late ChildTerminated finds no child and is ignored; a
     * child with lifecycle signals is watched instead, so Terminated still comes when it
     * has really ended.
     */
    final void detach(ActorCell<?> child) {
        CellExtras x = existingExtras();
        byte l = lifecycle;
        if ((l == RUNNING || l == SUSPENDED) && x != null && x.children != null && x.children.remove(child)) {
            system.releaseName(child);
            if (child.lifecycleSignals()) {
                self().deathWatch().watch(self(), child);
            }
        }
        child.sendSystem(new SystemMessage.Stop(ExitReason.SHUTDOWN, true));
    }

    /** A child failed: the instance decides (no instance, or stopping: the child goes). */
    final void childFailed(ActorCell<?> child, Throwable cause) {
        if (waitsForChildren() || child.parent != this) {
            return; // the child is being stopped anyway
        }
        Directive d;
        try {
            Actor<M> a = instance();
            d = a == null ? Directive.STOP : a.onChildFailure(child, cause);
            if (d == null) {
                throw new NullPointerException("onChildFailure returned null for child " + child.path());
            }
        } catch (Throwable t) {
            fail(t);
            return;
        }
        switch (d) {
            case RESUME -> child.sendSystem(new SystemMessage.Resume());
            case RESTART -> child.sendSystem(new SystemMessage.Restart(cause, false));
            case HALT -> child.sendSystem(new SystemMessage.Halt(cause, true));
            case STOP -> child.sendSystem(new SystemMessage.Stop(ExitReason.FAILURE));
            case ESCALATE -> {
                if (lifecycle != SUSPENDED) {
                    fail(cause);
                }
            }
            default -> throw new IllegalStateException("unknown directive " + d);
        }
    }

    /** A child has terminated: go on with a stop, restart or halt that waited, or signal it. */
    final void childTerminated(ActorCell<?> child) {
        CellExtras x = existingExtras();
        if (x == null || x.children == null) {
            return;
        }
        boolean wasLast = x.children.last() == child;
        if (!x.children.remove(child)) {
            return;
        }
        if (waitsForChildren()) {
            if (x.children.isEmpty()) {
                childrenGone();
            } else if (wasLast) {
                stopNextChild();
            }
        } else if (child.lifecycleSignals()) {
            signal(new Terminated(child, child.exitReason()));
        }
    }
}
