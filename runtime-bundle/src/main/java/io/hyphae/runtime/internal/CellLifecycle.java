package io.hyphae.runtime.internal;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorInitializationException;
import io.hyphae.api.Behavior;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.ExitReason;
import io.hyphae.api.Signal;
import io.hyphae.api.Upgradable;
import io.hyphae.api.Upgrade;
import io.hyphae.api.UpgradeFailedException;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.spi.OrderedShutdown;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The third layer of a cell: the instance's life (create, fail, resume, restart, halt,
 * stop, terminate), as far as it concerns the cell's own instance. Children are stopped one
 * at a time, newest first, before the instance goes; {@link CellFamily} holds them, carries
 * out stops and decides for failed children.
 *
 * <pre>
 * NEW ─create→ RUNNING ─fail→ SUSPENDED ─resume→ RUNNING
 *                 │              └─restart→ RESTARTING ─children gone→ RUNNING
 *                 ├─halt→ HALTING ─children gone→ HALTED ─restart→ RUNNING
 *                 └─stop→ STOPPING ─children gone→ TERMINATED
 * </pre>
 *
 * <p>"Dead" has one meaning per reader: the turn reads {@code lifecycle == TERMINATED},
 * producers read the inbox's dead flag (set in the same step), system-message senders find
 * the stack closed (one step later, after the watchers heard).
 */
abstract class CellLifecycle<M> extends CellInbox<M> {

    private static final Logger LOG = LoggerFactory.getLogger(ActorCell.class);

    static final byte NEW = 0;
    static final byte RUNNING = 1;
    /** Failed; waits for the parent's decision. */
    static final byte SUSPENDED = 2;
    /** Instance gone; waiting for children to stop before the fresh instance starts. */
    static final byte RESTARTING = 3;
    /** Instance gone; waiting for children to stop before reporting HALTED. */
    static final byte HALTING = 4;
    /** Instance gone, ref and mailbox kept; waits for an explicit restart or a stop. */
    static final byte HALTED = 5;
    static final byte STOPPING = 6;
    static final byte TERMINATED = 7;

    /** {@link #flags}: skip this cell's stop hook. */
    static final int KILLED = 1;
    /** {@link #flags}: stop the children without their hooks. */
    static final int KILL_CHILDREN = 2;
    /** {@link #flags}: the parent receives ChildStarted and Terminated; never changes. */
    static final int LIFECYCLE_SIGNALS = 4;
    /** {@link #flags}: failures are logged at DEBUG, not ERROR; never changes. */
    static final int QUIET_FAILURES = 8;
    /** {@link #flags}: ExitReason ordinal + 1 in bits 4..5, set when stopping. */
    static final int REASON_SHIFT = 4;
    static final int REASON_MASK = 3 << REASON_SHIFT;
    /** {@link #flags}: an {@link OrderedShutdown} actor was asked to stop and is stopping its children. */
    static final int STOP_REQUESTED = 64;
    /** {@link #flags}: an upgrade replaced code whose classes messages may still have; see {@link ReplacedCode}. */
    static final int REPLACED_CODE = 128;
    static final ExitReason[] REASONS = ExitReason.values();

    final ActorCell<?> parent;
    /** Replaced by an upgrade: a restart then makes the new code. */
    private ActorFactory<M> factory;
    final CellContext<M> context;
    private Actor<M> actor;
    /** What receives messages in place of the instance after {@code become}; null for the instance. */
    private Behavior<M> behavior;
    byte lifecycle;
    /**
     * Bit set, one byte to keep idle actors small. Written on the cell's turn; the parent
     * reads the constant LIFECYCLE_SIGNALS bit, and the exit reason after the cell's death
     * is published.
     */
    byte flags;

    CellLifecycle(HyphaeActorSystem system, ActorCell<?> parent, ActorFactory<M> factory, int throughput,
            DispatcherBinding binding, MailboxSpec spec, MailboxQueue<Object> mailbox, MailboxFactory mailboxFactory, boolean lifecycleSignals,
            boolean failureLogging) {
        super(system, throughput, binding, spec, mailbox, mailboxFactory);
        this.parent = parent;
        this.factory = factory;
        this.flags = (byte) ((lifecycleSignals ? LIFECYCLE_SIGNALS : 0) | (failureLogging ? 0 : QUIET_FAILURES));
        this.context = new CellContext<>(self());
    }

    // ------------------------------------------------------------------ what the family layer supplies

    abstract boolean hasChildren();

    /** Asks the newest child to stop; the next one is asked when it has terminated. */
    abstract void stopNextChild();

    /** Tells every child to resume. */
    abstract void resumeChildren();

    /** The stop itself (a system message, or the actor's own failure during an ordered shutdown). */
    abstract void stop(ExitReason reason, boolean brutal);

    /** The runtime's stop, whatever the instance would prefer. */
    abstract void stopNow(ExitReason reason, boolean brutal);

    /** Why the cell stops; the requested reason once a stop was asked for. */
    abstract ExitReason exitReason();

    /** The cell's last step; on the turn that found it stopped with no children left. */
    abstract void finishTerminate();

    // ------------------------------------------------------------------ the turn

    @Override
    final boolean acceptsMessages() {
        return lifecycle == RUNNING;
    }

    @Override
    final boolean canHandleNow() {
        return lifecycle == RUNNING;
    }

    @Override
    final boolean hasMessageWork() {
        byte l = lifecycle;
        // A terminated cell still has a turn to dead-letter what arrived after its drain.
        return (l == RUNNING || l == TERMINATED) && hasPending();
    }

    @Override
    final void handleSystem(SystemMessage m) {
        if (lifecycle == TERMINATED) {
            m.bounce(self());
        } else {
            m.deliver(self());
        }
    }

    @Override
    final void bounceSystem(SystemMessage m) {
        m.bounce(self());
    }

    @Override
    @SuppressWarnings("unchecked")
    final void invoke(Object message) {
        Object m = message;
        try {
            if (m instanceof Envelope e && (m = e.open(self())) == null) {
                return;
            }
            if ((flags & REPLACED_CODE) != 0 && (m = ofCurrentCode(m)) == null) {
                return;
            }
            Behavior<M> b = behavior;
            if (b == null) {
                actor.receive((M) m);
            } else {
                b.receive((M) m);
            }
        } catch (Throwable t) {
            fail(t);
        }
    }

    /** Delivers a signal to the instance, if there is one and it is not stopping. */
    final void signal(Signal s) {
        Actor<M> a = actor;
        if (a == null || lifecycle == STOPPING) {
            return;
        }
        try {
            a.onSignal(s);
        } catch (Throwable t) {
            fail(t);
        }
    }

    final Actor<M> instance() {
        return actor;
    }

    /** Removes the instance for good and returns it (null if there was none). */
    final Actor<M> takeInstance() {
        Actor<M> a = actor;
        actor = null;
        return a;
    }

    final boolean lifecycleSignals() {
        return (flags & LIFECYCLE_SIGNALS) != 0;
    }

    // ------------------------------------------------------------------ start, fail, resume

    final void create() {
        if (lifecycle != NEW) {
            return;
        }
        if (startInstance(null)) {
            parentHearsStarted(false);
        }
    }

    /** Switches the handler of the next messages; null goes back to the instance's own. On the turn. */
    final void become(Behavior<M> next) {
        behavior = next;
    }

    /** Makes and starts a fresh instance; false if that failed (the cell then failed). */
    private boolean startInstance(Throwable restartCause) {
        behavior = null;
        CellExtras x = existingExtras();
        if (restartCause != null && x != null && x.userStash != null) {
            // What the old instance stashed goes to the fresh one first, in order.
            replay(x.userStash.drain());
        }
        try {
            Actor<M> a = factory.create(context);
            if (a == null) {
                throw new NullPointerException("the actor factory returned null");
            }
            actor = a;
            lifecycle = RUNNING;
            if (restartCause == null) {
                a.onStart();
            } else {
                a.postRestart(restartCause);
            }
            return true;
        } catch (Throwable t) {
            fail(new ActorInitializationException("actor " + path() + " failed to " + (restartCause == null
                    ? "start" : "restart") + ": " + t, t));
            return false;
        }
    }

    private void parentHearsStarted(boolean restarted) {
        if (lifecycleSignals()) {
            parent.sendSystem(new SystemMessage.ChildUp(self(), restarted));
        }
    }

    /** Suspends the actor and reports the failure to its parent. */
    final void fail(Throwable cause) {
        if ((flags & STOP_REQUESTED) != 0 && lifecycle == RUNNING) {
            // Asked to stop and now failed: nobody is left to decide, so stop at once.
            LOG.error("actor {} failed during its ordered shutdown; stopping it now", path(), cause);
            stopNow(exitReason(), false);
            return;
        }
        lifecycle = SUSPENDED;
        CellExtras x = extras();
        x.failures = x.failures + 1;
        system.counters.failed();
        if ((flags & QUIET_FAILURES) == 0) {
            LOG.error("actor {} failed; its parent decides what happens next", path(), cause);
        } else {
            LOG.debug("actor {} failed; its parent decides what happens next", path(), cause);
        }
        if (parent != null) {
            parent.sendSystem(new SystemMessage.Failed(self(), cause));
        } else {
            system.guardian.topLevelFailed(self(), cause);
        }
    }

    final void resume() {
        if (lifecycle != SUSPENDED) {
            return;
        }
        if (actor == null) {
            // An actor that never started has nothing to resume.
            stop(ExitReason.FAILURE, false);
            return;
        }
        lifecycle = RUNNING;
        // Children left suspended by an escalation resume with their parent.
        resumeChildren();
    }

    // ------------------------------------------------------------------ code upgrade

    /** The version the running code was given by its last upgrade. */
    static final String INITIAL_VERSION = "initial";

    /** Replaces the instance's code between two messages; see {@code ActorSystem.upgrade}. */
    @SuppressWarnings("unchecked")
    final void upgrade(SystemMessage.Upgrade u) {
        long t0 = System.nanoTime();
        String from = extras().version == null ? INITIAL_VERSION : extras().version;
        if (lifecycle != RUNNING || actor == null) {
            // Recorded before the stage completes, so whoever sees the outcome finds the record.
            recordUpgrade(from, u.version, depth(), t0, "refused: " + stateName());
            u.done.completeExceptionally(system.guardian.isTerminating()
                    ? system.terminatedError("actor " + path() + " is " + stateName() + "; upgrade to '" + u.version
                            + "' refused")
                    : new UpgradeFailedException("actor " + path() + " is not running (" + stateName()
                            + "); upgrade to '" + u.version + "' refused", null));
            return;
        }
        int queued = depth();
        Actor<M> old = actor;
        Object state;
        try {
            state = old instanceof Upgradable up ? up.exportState() : null;
        } catch (Throwable t) {
            recordUpgrade(from, u.version, queued, t0, "refused: exportState threw " + t);
            u.done.completeExceptionally(new UpgradeFailedException("actor " + path() + " version '" + from
                    + "' could not export its state; it keeps running that version", t));
            return;
        }
        ActorFactory<M> oldFactory = factory;
        factory = (ActorFactory<M>) u.factory;
        extras().version = u.version;
        try {
            Actor<M> next = factory.create(context);
            if (next == null) {
                throw new NullPointerException("the actor factory returned null");
            }
            if (next instanceof Upgradable up) {
                up.importState(state, from, u.version);
            }
            actor = next;
            behavior = null; // the old code's handler goes with it
            noteReplaced(new Object[] {old, oldFactory}, new Object[] {next, factory});
        } catch (Throwable t) {
            UpgradeFailedException e = new UpgradeFailedException("upgrade of actor " + path() + " from '" + from
                    + "' to '" + u.version + "' failed: " + t, t);
            recordUpgrade(from, u.version, queued, t0, "failed: " + t);
            u.done.completeExceptionally(e);
            fail(e); // the old instance is the one taken down; a restart makes the new code
            return;
        }
        Duration pause = Duration.ofNanos(System.nanoTime() - t0);
        recordUpgrade(from, u.version, queued, t0, "upgraded");
        LOG.debug("actor {} upgraded from '{}' to '{}' in {} µs with {} messages queued", path(), from, u.version,
                pause.toNanos() / 1000, queued);
        u.done.complete(new Upgrade(path(), from, u.version, queued, pause));
    }

    private void noteReplaced(Object[] oldCode, Object[] newCode) {
        CellExtras x = extras();
        x.replaced = ReplacedCode.after(x.replaced, oldCode, newCode);
        if (x.replaced != null) {
            flags |= (byte) REPLACED_CODE;
        } else {
            flags &= (byte) ~REPLACED_CODE;
        }
    }

    /**
     * A message of a class that replaced code defined goes through the new instance's
     * {@link Upgradable#convertMessage}; without a replacement it becomes a dead letter.
     *
     * @return what to hand to {@code receive}, or null if nothing
     */
    private Object ofCurrentCode(Object m) throws Exception {
        CellExtras x = extras();
        ReplacedCode rc = x.replaced;
        if (rc == null || rc.gone()) {
            x.replaced = null;
            flags &= (byte) ~REPLACED_CODE;
            return m;
        }
        if (!rc.defined(m)) {
            return m;
        }
        Object converted;
        try {
            converted = actor instanceof Upgradable up ? up.convertMessage(m) : null;
        } catch (Throwable t) {
            deadLetter(m, DeadLetter.Reason.REPLACED_CODE);
            throw t;
        }
        if (converted == null) {
            deadLetter(m, DeadLetter.Reason.REPLACED_CODE);
        }
        return converted;
    }

    private void recordUpgrade(String from, String to, int queued, long t0, String outcome) {
        system.upgrades.record(Upgrades.of(system.clock.currentTimeMillis(), path(), from, to, queued,
                System.nanoTime() - t0, outcome));
    }

    // ------------------------------------------------------------------ restart and halt

    /**
     * Takes the instance down: the hook (unless not graceful), timers, then the children
     * newest first; {@code next} is RESTARTING or HALTING, what happens once they are gone.
     */
    private void takeDown(Throwable cause, boolean graceful, byte next) {
        Actor<M> old = actor;
        actor = null;
        if (old != null && graceful) {
            try {
                old.preRestart(cause);
            } catch (Throwable t) {
                LOG.warn("preRestart of {} failed", path(), t);
            }
        }
        cancelTimers();
        if (!graceful) {
            flags |= (byte) KILL_CHILDREN;
        }
        if (hasChildren()) {
            lifecycle = next;
            extras().restartCause = cause;
            stopNextChild();
        } else if (next == RESTARTING) {
            finishRestart(cause);
        } else {
            finishHalt();
        }
    }

    /** The parent's RESTART for a failed cell. */
    final void restartFailed(Throwable cause) {
        if (lifecycle == SUSPENDED) {
            takeDown(cause, true, RESTARTING);
        }
    }

    final void restartExplicitly(Throwable cause) {
        switch (lifecycle) {
            case RUNNING, SUSPENDED -> takeDown(cause, true, RESTARTING);
            case HALTING -> lifecycle = RESTARTING;
            case HALTED -> finishRestart(cause);
            default -> { } // not started yet, already restarting, or stopping
        }
    }

    final void halt(Throwable cause, boolean graceful) {
        switch (lifecycle) {
            case NEW -> finishHalt();
            case RUNNING, SUSPENDED -> takeDown(cause, graceful, HALTING);
            case RESTARTING, HALTING -> {
                lifecycle = HALTING;
                if (!graceful && (flags & KILL_CHILDREN) == 0) {
                    flags |= (byte) KILL_CHILDREN;
                    stopNextChild();
                }
            }
            // Already down: the parent heard ChildHalted when it happened.
            default -> { } // halted, or stopping: the parent hears Terminated instead
        }
    }

    private void finishHalt() {
        lifecycle = HALTED;
        flags &= (byte) ~KILL_CHILDREN;
        if (parent != null) {
            parent.sendSystem(new SystemMessage.ChildDown(self()));
        }
    }

    private void finishRestart(Throwable cause) {
        CellExtras x = extras();
        x.restartCause = null;
        x.restarts = x.restarts + 1;
        flags &= (byte) ~KILL_CHILDREN;
        system.counters.restarted();
        if (startInstance(cause)) {
            parentHearsStarted(true);
        }
    }

    /** The last child has gone while the cell waited for it: go on with what it waited for. */
    final void childrenGone() {
        switch (lifecycle) {
            case STOPPING -> finishTerminate();
            case RESTARTING -> finishRestart(extras().restartCause);
            case HALTING -> finishHalt();
            default -> { }
        }
    }

    /** Whether the cell is taking itself down and waits for its children. */
    final boolean waitsForChildren() {
        byte l = lifecycle;
        return l == STOPPING || l == RESTARTING || l == HALTING;
    }

    @Override
    final void endTurn() {
        if (lifecycle == TERMINATED) {
            drainToDeadLetters();
        } else {
            CellExtras x = existingExtras();
            if (x != null && x.watch != null && x.watch.hasWaitingNotices()) {
                x.watch.offerWaitingNotices(self());
            }
        }
    }

    // ------------------------------------------------------------------ timers

    final void cancelTimers() {
        CellExtras x = existingExtras();
        if (x != null && x.timers != null) {
            x.timers.cancelAll();
        }
    }

    final String stateName() {
        return switch (lifecycle) {
            case NEW -> "new";
            case RUNNING -> "running";
            case SUSPENDED -> "suspended";
            case RESTARTING -> "restarting";
            case HALTING -> "halting";
            case HALTED -> "halted";
            case STOPPING -> "stopping";
            default -> "terminated";
        };
    }
}
