package io.hyphae.runtime.internal;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorInitializationException;
import io.hyphae.api.ActorRef;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.Directive;
import io.hyphae.api.ExitReason;
import io.hyphae.api.MailboxFullException;
import io.hyphae.api.Terminated;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.spi.OrderedShutdown;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actor: its ref, its mailbox, its scheduling state and its lifecycle.
 *
 * <p>Scheduling: {@code status} is IDLE or SCHEDULED. Whoever moves it from IDLE to
 * SCHEDULED (a producer after an offer, a system-message sender, or the cell itself at the
 * end of a turn) hands the cell to the dispatcher; the turn ends by writing IDLE and then
 * re-checking for work. Producers write the queue before reading {@code status}; the turn
 * writes {@code status} before reading the queue; all four accesses are sequentially
 * consistent, so either the producer sees IDLE and schedules, or the turn sees the message.
 * Holding SCHEDULED is what makes the cell's single consumer single, and what makes
 * {@link #run} never run concurrently with itself.
 *
 * <p>Mailbox moves ({@link #swapTo}): the turn publishes the new queue, then drains the
 * old one (waiting for offers already under way) into a segment handled before anything
 * else. A producer re-reads {@code mailbox} after its offer; if it changed, its message
 * may have landed after that drain, so the producer itself moves what is left of the old
 * queue into the cell's overflow queue before returning, under the lock the turn held
 * while draining. Its next message therefore follows the rescued one. Handling order:
 * moved segments (oldest first), then overflow, then the stash, then the mailbox. Both
 * re-reads are sequentially consistent with the turn's publication and the queue's
 * emptiness check, so every message is either drained by the turn or rescued by its
 * producer, never both and never neither.
 *
 * <p>Everything below "actor-confined" is touched only by the thread running the turn.
 */
final class ActorCell<M> implements ActorRef<M> {

    private static final Logger LOG = LoggerFactory.getLogger(ActorCell.class);

    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;

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
    private static final int KILLED = 1;
    /** {@link #flags}: stop the children without their hooks. */
    private static final int KILL_CHILDREN = 2;
    /** {@link #flags}: the parent receives ChildStarted and Terminated; never changes. */
    private static final int LIFECYCLE_SIGNALS = 4;
    /** {@link #flags}: failures are logged at DEBUG, not ERROR; never changes. */
    private static final int QUIET_FAILURES = 8;
    /** {@link #flags}: ExitReason ordinal + 1 in bits 4..5, set when stopping. */
    private static final int REASON_SHIFT = 4;
    private static final int REASON_MASK = 3 << REASON_SHIFT;
    /** {@link #flags}: an {@link OrderedShutdown} actor was asked to stop and is stopping its children. */
    private static final int STOP_REQUESTED = 64;
    private static final ExitReason[] REASONS = ExitReason.values();

    private static final VarHandle STATUS;
    private static final VarHandle SYS;
    private static final VarHandle PROCESSED;
    private static final VarHandle EXTRAS;
    private static final VarHandle MAILBOX;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATUS = l.findVarHandle(ActorCell.class, "status", int.class);
            SYS = l.findVarHandle(ActorCell.class, "sysHead", SystemMessage.class);
            PROCESSED = l.findVarHandle(ActorCell.class, "processed", long.class);
            EXTRAS = l.findVarHandle(ActorCell.class, "extras", Extras.class);
            MAILBOX = l.findVarHandle(ActorCell.class, "mailbox", MailboxQueue.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    // --- shared, lock-free ---
    @SuppressWarnings("unused") // accessed through STATUS
    private volatile int status;
    @SuppressWarnings("unused") // accessed through SYS
    private volatile SystemMessage sysHead;
    private volatile boolean dead;
    /** Replaced only on the cell's turn ({@link #swapTo}); producers read it per message. */
    @SuppressWarnings("unused") // also accessed through MAILBOX
    private volatile MailboxQueue<Object> mailbox;
    private volatile MailboxFactory mailboxFactory;

    // --- identity, immutable ---
    final HyphaeActorSystem system;
    final ActorCell<?> parent;
    private final String name;
    private final long id;
    private final ActorFactory<M> factory;
    final MailboxSpec spec;
    private final int throughput;
    private final CellContext<M> context;

    // --- actor-confined ---
    private Actor<M> actor;
    private Extras extras;
    private byte lifecycle;
    /**
     * Bit set, one byte to keep idle actors small. Written on the cell's turn; the
     * parent reads the constant LIFECYCLE_SIGNALS bit, and the exit reason after the
     * cell's death is published.
     */
    private byte flags;
    private long processed;
    private int turnCount;
    /** Links in the parent's (or the guardian's) list of children. */
    ActorCell<?> prevSibling;
    ActorCell<?> nextSibling;

    /** State that most actors never need, allocated on first use. */
    static final class Extras {
        SiblingList children;
        HashSet<ActorCell<?>> watchers;
        List<CompletableFuture<Void>> externalWatchers;
        HashSet<ActorCell<?>> watching;
        HashMap<Object, TimerMessage> timers;
        Throwable restartCause;
        Logger log;
        /** Drained but not yet handled; handled before the mailbox. */
        java.util.ArrayDeque<Object> stash;
        volatile int failures;
        volatile int restarts;
        long discarded;
        /** The factory named at spawn or by a single-actor swap; null follows the preference. */
        String pinned;
        /** Created by the first move, before the new mailbox is published; never replaced. */
        volatile MailboxMoves moves;
        /** Messages moved out of replaced mailboxes, oldest mailbox first. */
        java.util.ArrayDeque<java.util.ArrayDeque<Object>> moved;
        /** Death-watch notices that found the bounded mailbox full; offered again after each turn. */
        java.util.ArrayDeque<WatchNotice> notices;
    }

    ActorCell(HyphaeActorSystem system, ActorCell<?> parent, String name, long id, ActorFactory<M> factory,
            MailboxSpec spec, int throughput, MailboxQueue<Object> mailbox, MailboxFactory mailboxFactory,
            String pinned, boolean lifecycleSignals, boolean failureLogging) {
        this.system = system;
        this.parent = parent;
        this.name = name;
        this.id = id;
        this.factory = factory;
        this.spec = spec;
        this.throughput = throughput;
        this.mailbox = mailbox;
        this.mailboxFactory = mailboxFactory;
        this.flags = (byte) ((lifecycleSignals ? LIFECYCLE_SIGNALS : 0) | (failureLogging ? 0 : QUIET_FAILURES));
        if (pinned != null) {
            extras().pinned = pinned;
        }
        this.context = new CellContext<>(this);
    }

    // ------------------------------------------------------------------ ActorRef

    @Override
    public void tell(M message) {
        if (message == null) {
            throw new NullPointerException("message must not be null (tell to " + path() + ")");
        }
        enqueue(message);
    }

    @Override
    public String name() {
        return name != null ? name : "$" + Long.toString(id, 36);
    }

    boolean isNamed() {
        return name != null;
    }

    @Override
    public String path() {
        return parent == null ? name() : parent.path() + "/" + name();
    }

    @Override
    public String toString() {
        return "ActorRef[" + path() + "]";
    }

    // ------------------------------------------------------------------ producers

    /** Adds a user (or timer) message; any thread. */
    void enqueue(Object message) {
        if (dead) {
            system.deadLetter(unwrap(message), this, DeadLetter.Reason.RECIPIENT_TERMINATED);
            return;
        }
        MailboxQueue<Object> q = mailbox;
        if (!q.offer(message) && !overflow(q, message)) {
            return;
        }
        afterOffer(q);
    }

    /**
     * Offers a dead letter to this dead-letter subscriber. Applies no overflow policy and
     * makes no new dead letter when the subscriber is dead or full: a letter about a letter
     * would bounce between subscribers without end.
     *
     * @return whether it was queued
     */
    boolean offerDeadLetter(DeadLetter letter) {
        if (dead) {
            return false;
        }
        MailboxQueue<Object> q = mailbox;
        if (!q.offer(letter)) {
            return false;
        }
        afterOffer(q);
        return true;
    }

    private void afterOffer(MailboxQueue<Object> q) {
        if (MAILBOX.getVolatile(this) != q) {
            rescue(q);
        }
        if ((int) STATUS.getVolatile(this) == IDLE && STATUS.compareAndSet(this, IDLE, SCHEDULED)) {
            system.dispatcher.execute(this);
        }
    }

    /**
     * The mailbox was replaced while this producer offered to {@code old}: moves whatever
     * the turn's drain missed into the overflow queue. Waits only for the turn's drain of
     * {@code old} or another producer's rescue, never for the actor to handle anything.
     */
    private void rescue(MailboxQueue<Object> old) {
        // Set before the replacement was published, which this producer has seen.
        ((Extras) EXTRAS.getAcquire(this)).moves.rescue(old);
        system.mailboxRescued();
    }

    /** Applies the overflow policy; returns true if the message was queued after all. */
    private boolean overflow(MailboxQueue<Object> q, Object message) {
        switch (spec.overflow()) {
            case REJECT:
                throw new MailboxFullException("mailbox of " + path() + " is full (capacity " + q.capacity()
                        + "); " + unwrap(message).getClass().getName() + " rejected");
            case DROP_NEWEST:
                system.deadLetter(unwrap(message), this, DeadLetter.Reason.MAILBOX_FULL);
                return false;
            case DROP_OLDEST:
                for (;;) {
                    Object oldest = q.poll();
                    if (oldest != null) {
                        system.deadLetter(unwrap(oldest), this, DeadLetter.Reason.EVICTED);
                    }
                    if (q.offer(message)) {
                        return true;
                    }
                }
            case BLOCK:
            default:
                long deadline = System.nanoTime() + spec.blockTimeout().toNanos();
                int spins = 0;
                while (!q.offer(message)) {
                    if (dead) {
                        system.deadLetter(unwrap(message), this, DeadLetter.Reason.RECIPIENT_TERMINATED);
                        return false;
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        system.deadLetter(unwrap(message), this, DeadLetter.Reason.MAILBOX_FULL);
                        return false;
                    }
                    if (spins++ < 100) {
                        Thread.onSpinWait();
                    } else {
                        LockSupport.parkNanos(Math.min(left, 50_000L));
                    }
                }
                return true;
        }
    }

    private static Object unwrap(Object message) {
        return message instanceof TimerMessage t ? t.message : message;
    }

    /** Pushes a system message; any thread. */
    void sendSystem(SystemMessage message) {
        for (;;) {
            SystemMessage head = (SystemMessage) SYS.getVolatile(this);
            if (head == SystemMessage.CLOSED) {
                system.afterDeath(this, message);
                return;
            }
            message.next = head;
            if (SYS.compareAndSet(this, head, message)) {
                break;
            }
        }
        if ((int) STATUS.getVolatile(this) == IDLE && STATUS.compareAndSet(this, IDLE, SCHEDULED)) {
            system.dispatcher.execute(this);
        }
    }

    boolean isDead() {
        return dead;
    }

    // ------------------------------------------------------------------ the turn

    /**
     * Runs one turn; only the holder of SCHEDULED calls this. Returns messages handled.
     *
     * <p>Messages are drained from the mailbox in batches (one consumer write to the
     * queue per batch). A message drained after the actor stopped running in this turn,
     * because it failed or a system message arrived, goes to the stash, which is handled
     * before the mailbox on the next turn, so order is kept.
     */
    int run() {
        turnCount = 0;
        boolean budgetSpent = false;
        DrainSink sink = null;
        try {
            if (hasSystemMessages()) {
                processSystemMessages();
            }
            while (lifecycle == RUNNING) {
                if (hasSystemMessages()) {
                    processSystemMessages();
                    continue;
                }
                int budget = throughput - turnCount;
                if (budget <= 0) {
                    budgetSpent = true;
                    break;
                }
                Extras x = extras;
                if (x != null) {
                    Object pending = pollPending(x);
                    if (pending != null) {
                        turnCount++;
                        invoke(pending);
                        continue;
                    }
                }
                if (sink == null) {
                    sink = system.dispatcher.sink();
                    sink.cell = this;
                }
                // Read per batch: a move replaces it between batches.
                if (mailbox.drain(sink, budget) == 0) {
                    break;
                }
            }
            if (lifecycle == TERMINATED) {
                drainToDeadLetters();
            } else if (extras != null && extras.notices != null) {
                offerNotices(extras);
            }
        } catch (Throwable t) {
            // Hooks and handlers are guarded; reaching here is a runtime bug. Keep the
            // cell schedulable rather than wedging it in SCHEDULED.
            LOG.error("unexpected error in the turn of {}", path(), t);
        } finally {
            if (sink != null) {
                sink.cell = null;
            }
            int count = turnCount;
            // Published once per turn, not per message: producers read this cache line on
            // every tell, so a per-message write here would bounce it between cores.
            if (count > 0) {
                PROCESSED.setOpaque(this, processed + count);
            }
            STATUS.setVolatile(this, IDLE);
            if (hasWork() && STATUS.compareAndSet(this, IDLE, SCHEDULED)) {
                if (budgetSpent) {
                    system.dispatcher.executeFair(this);
                } else {
                    system.dispatcher.execute(this);
                }
            }
        }
        return turnCount;
    }

    /**
     * The next message handled before the mailbox: from moved segments (oldest first),
     * then rescued overflow, then the stash; null if none.
     */
    private Object pollPending(Extras x) {
        if (x.moved != null) {
            java.util.ArrayDeque<Object> seg;
            while ((seg = x.moved.peekFirst()) != null) {
                Object m = seg.poll();
                if (m != null) {
                    return m;
                }
                x.moved.pollFirst();
            }
            x.moved = null;
        }
        MailboxMoves mv = x.moves;
        if (mv != null) {
            Object m = mv.overflow.poll();
            if (m != null) {
                return m;
            }
        }
        return x.stash == null ? null : x.stash.poll();
    }

    /** Rescued messages wait in overflow: they go before anything drained from the mailbox now. */
    private boolean overflowWaiting() {
        Extras x = extras;
        MailboxMoves mv;
        return x != null && (mv = x.moves) != null && !mv.overflow.isEmpty();
    }

    /** A message drained in this turn: handle it now, or stash it if the actor cannot. */
    void acceptDrained(Object message) {
        if (lifecycle == RUNNING && !hasSystemMessages() && !overflowWaiting()) {
            turnCount++;
            invoke(message);
        } else {
            Extras x = extras();
            if (x.stash == null) {
                x.stash = new java.util.ArrayDeque<>();
            }
            x.stash.add(message);
        }
    }

    private boolean hasSystemMessages() {
        SystemMessage h = (SystemMessage) SYS.getVolatile(this);
        return h != null && h != SystemMessage.CLOSED;
    }

    private boolean hasWork() {
        if (hasSystemMessages()) {
            return true;
        }
        byte l = lifecycle;
        if (l != RUNNING && l != TERMINATED) {
            return false;
        }
        Extras x = extras;
        return !mailbox.isEmpty() || (x != null && (x.stash != null && !x.stash.isEmpty() || x.moved != null
                || x.moves != null && !x.moves.overflow.isEmpty()));
    }

    @SuppressWarnings("unchecked")
    private void invoke(Object message) {
        Object m = message;
        try {
            if (m instanceof Envelope e && (m = e.open(this)) == null) {
                return;
            }
            actor.receive((M) m);
        } catch (Throwable t) {
            fail(t);
        }
    }

    private void processSystemMessages() {
        SystemMessage list = (SystemMessage) SYS.getAndSet(this, null);
        SystemMessage fifo = null;
        while (list != null) {
            SystemMessage n = list.next;
            list.next = fifo;
            fifo = list;
            list = n;
        }
        while (fifo != null) {
            SystemMessage n = fifo.next;
            fifo.next = null;
            handle(fifo);
            fifo = n;
        }
    }

    private void handle(SystemMessage m) {
        if (lifecycle == TERMINATED) {
            system.afterDeath(this, m);
        } else if (m instanceof SystemMessage.Create) {
            create();
        } else if (m instanceof SystemMessage.Stop s) {
            stop(s.reason, s.brutal);
        } else if (m instanceof SystemMessage.Resume) {
            resume();
        } else if (m instanceof SystemMessage.Restart r) {
            if (r.explicit) {
                restartExplicitly(r.cause);
            } else if (lifecycle == SUSPENDED) {
                takeDown(r.cause, true, RESTARTING);
            }
        } else if (m instanceof SystemMessage.Halt h) {
            halt(h.cause, h.graceful);
        } else if (m instanceof SystemMessage.ChildStarted c) {
            if (c.child.parent == this) {
                signal(new io.hyphae.api.ChildStarted(c.child, c.restarted));
            }
        } else if (m instanceof SystemMessage.ChildHalted c) {
            if (c.child.parent == this) {
                signal(new io.hyphae.api.ChildHalted(c.child));
            }
        } else if (m instanceof SystemMessage.Failed f) {
            childFailed(f.child, f.cause);
        } else if (m instanceof SystemMessage.ChildTerminated c) {
            childTerminated(c.child);
        } else if (m instanceof SystemMessage.Watch w) {
            addWatcher(w);
        } else if (m instanceof SystemMessage.Unwatch u) {
            Extras x = extras;
            if (x != null && u.watcher != null && x.watchers != null) {
                x.watchers.remove(u.watcher);
            } else if (x != null && u.future != null && x.externalWatchers != null) {
                x.externalWatchers.remove(u.future);
            }
        } else if (m instanceof SystemMessage.DeathNotification d) {
            deathOf(d.actor);
        } else if (m instanceof SystemMessage.Reselect r) {
            reselect(r);
        } else if (m instanceof SystemMessage.Inspect i) {
            inspect(i);
        }
    }

    /** Reports this cell to an inspection and passes it on to the children. */
    private void inspect(SystemMessage.Inspect i) {
        try {
            Extras x = extras;
            List<ActorCell<?>> kids = x == null || x.children == null ? List.of() : x.children.snapshot();
            i.out.add(new ActorSnapshot(i.level, metrics(), stateName(), kids.size(), throughput,
                    spec.isBounded() ? spec.capacity() + " " + spec.overflow() : "unbounded",
                    x == null ? null : x.pinned));
            for (ActorCell<?> c : kids) {
                i.walk.enter();
                c.sendSystem(new SystemMessage.Inspect(i.walk, i.out, i.level + 1));
            }
        } finally {
            i.walk.leave(false);
        }
    }

    private String stateName() {
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

    /**
     * Moves to the mailbox factory this cell should use now: the one a single-actor swap
     * names (which then pins it), else the pinned one while it exists, else the best
     * for its shape. Forwards a system-wide walk to the children.
     */
    private void reselect(SystemMessage.Reselect r) {
        boolean moved = false;
        try {
            MailboxFactory target;
            if (r.pin != null) {
                extras().pinned = r.pin.name();
                target = r.pin;
            } else {
                Extras x = extras;
                target = system.mailboxFactories().choose(spec, x == null ? null : x.pinned);
            }
            moved = swapTo(target);
        } finally {
            if (r.walk != null) {
                Extras x = extras;
                if (x != null && x.children != null) {
                    for (ActorCell<?> c : x.children.snapshot()) {
                        r.walk.enter();
                        c.sendSystem(new SystemMessage.Reselect(r.walk, null, null));
                    }
                }
            }
            r.done(moved);
        }
    }

    /**
     * Replaces the mailbox with one from {@code f}, on this cell's turn and between two
     * messages. Returns false if {@code f} already made it or cannot make a new one.
     */
    private boolean swapTo(MailboxFactory f) {
        MailboxFactory current = mailboxFactory;
        if (f == current) {
            return false;
        }
        MailboxQueue<Object> fresh;
        try {
            fresh = f.create(spec);
        } catch (RuntimeException e) {
            LOG.warn("mailbox factory '{}' failed to make a mailbox for {}; it stays on '{}'", f.name(), path(),
                    current.name(), e);
            return false;
        }
        Extras x = extras();
        MailboxMoves mv = x.moves;
        if (mv == null) {
            mv = new MailboxMoves();
            x.moves = mv; // volatile: visible to any producer that sees the new mailbox
        }
        java.util.ArrayDeque<Object> segment = new java.util.ArrayDeque<>();
        MailboxQueue<Object> old = mailbox;
        mailboxFactory = f;
        mv.replace(() -> MAILBOX.setVolatile(this, fresh), old, x.stash, segment);
        if (!segment.isEmpty()) {
            if (x.moved == null) {
                x.moved = new java.util.ArrayDeque<>();
            }
            x.moved.addLast(segment);
        }
        system.mailboxMoved();
        return true;
    }

    // ------------------------------------------------------------------ lifecycle

    private void create() {
        if (lifecycle != NEW) {
            return;
        }
        try {
            Actor<M> a = factory.create(context);
            if (a == null) {
                throw new NullPointerException("the actor factory returned null");
            }
            actor = a;
            lifecycle = RUNNING;
            a.onStart();
        } catch (Throwable t) {
            fail(new ActorInitializationException("actor " + path() + " failed to start: " + t, t));
            return;
        }
        if (lifecycleSignals()) {
            parent.sendSystem(new SystemMessage.ChildStarted(this, false));
        }
    }

    /** Suspends the actor and reports the failure to its parent. */
    private void fail(Throwable cause) {
        if ((flags & STOP_REQUESTED) != 0 && lifecycle == RUNNING) {
            // Asked to stop and now failed: nobody is left to decide, so stop at once.
            LOG.error("actor {} failed during its ordered shutdown; stopping it now", path(), cause);
            stopNow(exitReason(), false);
            return;
        }
        lifecycle = SUSPENDED;
        Extras x = extras();
        x.failures = x.failures + 1;
        system.failures.increment();
        if ((flags & QUIET_FAILURES) == 0) {
            LOG.error("actor {} failed; its parent decides what happens next", path(), cause);
        } else {
            LOG.debug("actor {} failed; its parent decides what happens next", path(), cause);
        }
        if (parent != null) {
            parent.sendSystem(new SystemMessage.Failed(this, cause));
        } else {
            system.topLevelFailed(this, cause);
        }
    }

    private void resume() {
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
        forEachChild(c -> c.sendSystem(new SystemMessage.Resume()));
    }

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

    private void halt(Throwable cause, boolean graceful) {
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
            parent.sendSystem(new SystemMessage.ChildHalted(this));
        }
    }

    private void restartExplicitly(Throwable cause) {
        switch (lifecycle) {
            case RUNNING, SUSPENDED -> takeDown(cause, true, RESTARTING);
            case HALTING -> lifecycle = RESTARTING;
            case HALTED -> finishRestart(cause);
            default -> { } // not started yet, already restarting, or stopping
        }
    }

    private void finishRestart(Throwable cause) {
        Extras x = extras();
        x.restartCause = null;
        x.restarts = x.restarts + 1;
        flags &= (byte) ~KILL_CHILDREN;
        system.restarts.increment();
        try {
            Actor<M> a = factory.create(context);
            if (a == null) {
                throw new NullPointerException("the actor factory returned null");
            }
            actor = a;
            lifecycle = RUNNING;
            a.postRestart(cause);
        } catch (Throwable t) {
            fail(new ActorInitializationException("actor " + path() + " failed to restart: " + t, t));
            return;
        }
        if (lifecycleSignals()) {
            parent.sendSystem(new SystemMessage.ChildStarted(this, true));
        }
    }

    /**
     * Stops the cell: children first, newest first and one at a time, then the hook.
     * A brutal stop skips the hooks here and below, and upgrades a stop in progress.
     */
    void stop(ExitReason reason, boolean brutal) {
        // A graceful stop from outside (NORMAL is the actor's own) is the actor's to carry
        // out if it orders its own shutdown; everything else is the runtime's.
        if (!brutal && reason != ExitReason.NORMAL && lifecycle == RUNNING && actor instanceof OrderedShutdown o) {
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

    /** The runtime's stop: timers, then the children newest first, then the hook. */
    private void stopNow(ExitReason reason, boolean brutal) {
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

    boolean lifecycleSignals() {
        return (flags & LIFECYCLE_SIGNALS) != 0;
    }

    /** Why the cell stopped; meaningful once it is dead. */
    ExitReason exitReason() {
        int r = (flags >> REASON_SHIFT) & 3;
        return r == 0 ? ExitReason.SHUTDOWN : REASONS[r - 1];
    }

    /**
     * The last step of a stop. Whatever a hook, a drain or a dead-letter subscriber throws,
     * it runs to the end: watchers, the parent and the system always hear of the death.
     * Watchers hear before the system-message stack closes, so a watch that reaches the
     * closed stack, and completes at once, completes after every earlier watcher's.
     */
    private void finishTerminate() {
        Actor<M> a = actor;
        actor = null;
        if (a != null && (flags & KILLED) == 0) {
            try {
                a.onStop();
            } catch (Throwable t) {
                LOG.warn("onStop of {} failed", path(), t);
            }
        }
        lifecycle = TERMINATED;
        dead = true;
        try {
            drainToDeadLetters();
        } catch (Throwable t) {
            LOG.error("turning the queue of {} into dead letters failed; the rest is dropped", path(), t);
        }
        try {
            // Free the name before anyone hears of the death, so it can be reused at once.
            system.cellTerminated(this);
            notifyWatchers();
        } catch (Throwable t) {
            LOG.error("notifying the watchers of {} failed", path(), t);
        }
        // From here senders handle their own system messages (see afterDeath); what is
        // already on the stack is handled the same way.
        SystemMessage rest = (SystemMessage) SYS.getAndSet(this, SystemMessage.CLOSED);
        while (rest != null) {
            SystemMessage n = rest.next;
            rest.next = null;
            try {
                system.afterDeath(this, rest);
            } catch (Throwable t) {
                LOG.error("a system message to the terminated {} failed", path(), t);
            }
            rest = n;
        }
        if (parent != null) {
            parent.sendSystem(new SystemMessage.ChildTerminated(this));
        } else {
            system.topLevelTerminated(this);
        }
    }

    private void notifyWatchers() {
        Extras x = extras;
        if (x == null) {
            return;
        }
        x.notices = null;
        if (x.watchers != null) {
            for (ActorCell<?> w : x.watchers) {
                w.sendSystem(new SystemMessage.DeathNotification(this));
            }
            x.watchers = null;
        }
        if (x.externalWatchers != null) {
            for (CompletableFuture<Void> f : x.externalWatchers) {
                f.complete(null);
            }
            x.externalWatchers = null;
        }
        if (x.watching != null) {
            // A dead watcher must not stay in the sets of the actors it watched.
            for (ActorCell<?> w : x.watching) {
                w.sendSystem(new SystemMessage.Unwatch(this));
            }
            x.watching = null;
        }
    }

    private void drainToDeadLetters() {
        MailboxQueue<Object> q = mailbox;
        Object m;
        long n = 0;
        Extras x = extras;
        while ((m = x != null ? pollPending(x) : null) != null || (m = q.poll()) != null) {
            if (!(m instanceof Envelope)) {
                n++;
                system.deadLetter(m, this, DeadLetter.Reason.RECIPIENT_TERMINATED);
            }
        }
        if (n > 0) {
            extras().discarded += n;
        }
    }

    // ------------------------------------------------------------------ children

    /** Asks the newest child to stop; the next one is asked when it has terminated. */
    private void stopNextChild() {
        ActorCell<?> c = extras.children.last();
        if (c != null) {
            c.sendSystem(new SystemMessage.Stop(ExitReason.SHUTDOWN, (flags & KILL_CHILDREN) != 0));
        }
    }

    /**
     * Kills a child and stops waiting for it, on this cell's turn: it leaves the children
     * (so this cell's own stop or restart does not wait for a handler that may never
     * return) and frees its name at once; it terminates without hooks after the message
     * it is handling, if any. Its late ChildTerminated finds no child and is ignored; a
     * child with lifecycle signals is watched instead, so Terminated still comes when it
     * has really ended.
     */
    void detach(ActorCell<?> child) {
        Extras x = extras;
        byte l = lifecycle;
        if ((l == RUNNING || l == SUSPENDED) && x != null && x.children != null && x.children.remove(child)) {
            system.releaseName(child);
            if (child.lifecycleSignals()) {
                watch(child);
            }
        }
        child.sendSystem(new SystemMessage.Stop(ExitReason.SHUTDOWN, true));
    }

    private boolean hasChildren() {
        Extras x = extras;
        return x != null && x.children != null && !x.children.isEmpty();
    }

    private void forEachChild(java.util.function.Consumer<ActorCell<?>> action) {
        Extras x = extras;
        if (x != null && x.children != null) {
            for (ActorCell<?> c : x.children.snapshot()) {
                action.accept(c);
            }
        }
    }

    List<ActorCell<?>> children() {
        Extras x = extras;
        return x == null || x.children == null ? List.of() : x.children.snapshot();
    }

    /** Spawns a child; on this actor's turn. */
    <C> ActorCell<C> spawnChild(ActorFactory<C> childFactory, io.hyphae.api.SpawnOptions options) {
        byte l = lifecycle;
        if (l == STOPPING || l == TERMINATED) {
            throw new IllegalStateException("actor " + path() + " is stopping and cannot spawn children");
        }
        ActorCell<C> child = system.newCell(this, childFactory, options);
        Extras x = extras();
        if (x.children == null) {
            x.children = new SiblingList();
        }
        x.children.add(child);
        child.sendSystem(new SystemMessage.Create());
        return child;
    }

    private void childFailed(ActorCell<?> child, Throwable cause) {
        byte l = lifecycle;
        if (l == STOPPING || l == RESTARTING || l == HALTING || child.parent != this) {
            return; // the child is being stopped anyway
        }
        Directive d;
        try {
            Actor<M> a = actor;
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

    private void childTerminated(ActorCell<?> child) {
        Extras x = extras;
        if (x == null || x.children == null) {
            return;
        }
        boolean wasLast = x.children.last() == child;
        if (!x.children.remove(child)) {
            return;
        }
        byte l = lifecycle;
        if (l == STOPPING || l == RESTARTING || l == HALTING) {
            if (x.children.isEmpty()) {
                if (l == STOPPING) {
                    finishTerminate();
                } else if (l == RESTARTING) {
                    finishRestart(x.restartCause);
                } else {
                    finishHalt();
                }
            } else if (wasLast) {
                stopNextChild();
            }
        } else if (child.lifecycleSignals()) {
            signal(new Terminated(child, child.exitReason()));
        }
    }

    /** Delivers a signal to the instance, if there is one and it is not stopping. */
    private void signal(io.hyphae.api.Signal s) {
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

    // ------------------------------------------------------------------ watch

    private void addWatcher(SystemMessage.Watch w) {
        Extras x = extras();
        if (w.future != null) {
            if (x.externalWatchers == null) {
                x.externalWatchers = new ArrayList<>(2);
            }
            x.externalWatchers.add(w.future);
        } else if (w.watcher != this) {
            if (x.watchers == null) {
                x.watchers = new HashSet<>();
            }
            x.watchers.add(w.watcher);
        }
    }

    /** Called on the watcher's turn: start watching {@code other}. */
    void watch(ActorCell<?> other) {
        Extras x = extras();
        if (x.watching == null) {
            x.watching = new HashSet<>();
        }
        if (x.watching.add(other)) {
            other.sendSystem(new SystemMessage.Watch(this, null));
        }
    }

    void unwatch(ActorCell<?> other) {
        Extras x = extras;
        if (x != null && x.watching != null && x.watching.remove(other)) {
            other.sendSystem(new SystemMessage.Unwatch(this));
        }
    }

    /** A watched actor died: queue the notice behind the messages already in the mailbox. */
    private void deathOf(ActorCell<?> other) {
        Extras x = extras;
        if (x == null || x.watching == null || !x.watching.contains(other)) {
            return; // unwatched meanwhile: never deliver
        }
        WatchNotice notice = new WatchNotice(other);
        if (x.notices != null || !mailbox.offer(notice)) {
            // A full bounded mailbox: the notice waits its turn outside, order kept.
            if (x.notices == null) {
                x.notices = new java.util.ArrayDeque<>(2);
            }
            x.notices.add(notice);
        }
    }

    /** Offers the notices that found the mailbox full; at the end of a turn. */
    private void offerNotices(Extras x) {
        WatchNotice n;
        while ((n = x.notices.peek()) != null && mailbox.offer(n)) {
            x.notices.poll();
        }
        if (x.notices.isEmpty()) {
            x.notices = null;
        }
    }

    /** Opens a {@link WatchNotice} on this cell's turn. */
    void watchedTerminated(ActorCell<?> other) {
        Extras x = extras;
        if (x != null && x.watching != null && x.watching.remove(other)) {
            signal(new Terminated(other, other.exitReason()));
        }
    }

    // ------------------------------------------------------------------ timers

    HashMap<Object, TimerMessage> timers() {
        Extras x = extras();
        if (x.timers == null) {
            x.timers = new HashMap<>();
        }
        return x.timers;
    }

    boolean hasTimer(Object key) {
        Extras x = extras;
        return x != null && x.timers != null && x.timers.containsKey(key);
    }

    boolean acceptTimer(TimerMessage t) {
        Extras x = extras;
        if (x == null || x.timers == null || x.timers.get(t.key) != t) {
            return false; // cancelled or replaced after it fired
        }
        if (!t.periodic) {
            x.timers.remove(t.key);
        }
        return true;
    }

    void cancelTimers() {
        Extras x = extras;
        if (x != null && x.timers != null) {
            for (TimerMessage t : x.timers.values()) {
                t.cancel();
            }
            x.timers.clear();
        }
    }

    // ------------------------------------------------------------------ misc

    Extras extras() {
        Extras x = extras;
        if (x == null) {
            x = new Extras();
            EXTRAS.setRelease(this, x);
        }
        return x;
    }

    Logger log() {
        Extras x = extras();
        if (x.log == null) {
            x.log = LoggerFactory.getLogger("io.hyphae.actor." + path().replace('/', '.'));
        }
        return x.log;
    }

    private static int pendingEstimate(Extras x) {
        int n = 0;
        try {
            java.util.ArrayDeque<Object> stash = x.stash;
            n += stash == null ? 0 : Math.max(0, stash.size());
            MailboxMoves mv = x.moves;
            n += mv == null ? 0 : mv.overflow.size();
            java.util.ArrayDeque<java.util.ArrayDeque<Object>> moved = x.moved;
            if (moved != null) {
                for (java.util.ArrayDeque<Object> seg : moved) {
                    n += Math.max(0, seg.size());
                }
            }
        } catch (RuntimeException e) {
            // Iterating another thread's deque may fail mid-change; the figure is a hint.
        }
        return n;
    }

    /**
     * How many actors and how many {@code whenTerminated} stages watch this one; read from
     * any thread after a round trip through the actor's turn (a leak check).
     */
    int[] watchCounts() {
        Extras x = (Extras) EXTRAS.getAcquire(this);
        if (x == null) {
            return new int[2];
        }
        HashSet<ActorCell<?>> w = x.watchers;
        List<CompletableFuture<Void>> e = x.externalWatchers;
        return new int[] {w == null ? 0 : w.size(), e == null ? 0 : e.size()};
    }

    /** The factory of the current mailbox. */
    MailboxFactory mailboxFactory() {
        return mailboxFactory;
    }

    /** Counters, read from any thread (possibly stale). */
    io.hyphae.api.ActorMetrics metrics() {
        long done = (long) PROCESSED.getOpaque(this);
        Extras x = (Extras) EXTRAS.getAcquire(this);
        // Stash and moved segments are read without synchronisation: estimates, like the
        // queue size.
        int depth = mailbox.size() + (x == null ? 0 : pendingEstimate(x));
        long failures = x == null ? 0 : x.failures;
        long restarts = x == null ? 0 : x.restarts;
        long discarded = x == null ? 0 : x.discarded;
        return new io.hyphae.api.ActorMetrics(path(), done + depth + discarded, done, depth, failures, restarts,
                mailboxFactory.name());
    }
}
