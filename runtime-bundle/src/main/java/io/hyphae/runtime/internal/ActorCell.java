package io.hyphae.runtime.internal;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorMetrics;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ExitReason;
import io.hyphae.api.Terminated;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.spi.RemoteRef;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One actor: the last layer of the cell, which adds its identity and makes it an
 * {@link ActorRef}. The layers, each owning its fields:
 * <ol>
 * <li>{@link CellCore}: the scheduling handshake, the system-message stack, the turn;</li>
 * <li>{@link CellInbox}: where pending messages sit, their order, mailbox moves, dead letters;</li>
 * <li>{@link CellLifecycle}: the instance's life (create, fail, restart, halt);</li>
 * <li>{@link CellFamily}: children and the stop;</li>
 * <li>{@code ActorCell}: name, path, death watch, timers, walks and metrics.</li>
 * </ol>
 *
 * <p>The message path: {@link #tell} → {@link CellInbox#enqueue} (offer, overflow policy,
 * rescue after a move, {@link CellCore#schedule}) → the cell's {@link DispatcherBinding}
 * and its current {@link DispatcherHandle} (the runtime's dispatchers take the cell itself,
 * others a reusable {@code Runnable}) → {@link CellCore#run} with the thread's
 * {@link DrainSink} → {@link CellInbox#handleMessages} (pending first, then a drained
 * batch, counted in the sink) → {@link CellLifecycle#invoke} → {@code Actor.receive}.
 *
 * <p>Everything not marked otherwise is confined to the thread running the cell's turn.
 */
final class ActorCell<M> extends CellFamily<M> implements ActorRef<M> {

    private static final VarHandle PROCESSED;

    static {
        try {
            PROCESSED = MethodHandles.lookup().findVarHandle(ActorCell.class, "processed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final String name;
    private final long id;
    /**
     * Messages handled, published once per turn. In this last layer, so it sits after the
     * fields senders read (status, mailbox) rather than in their cache line.
     */
    @SuppressWarnings("unused") // accessed through PROCESSED
    private long processed;
    /**
     * Pinned at spawn to the factory it is still on, whose name is then the pinned one.
     * One byte that fits the cell's padding, where the name in the extras would make them
     * (80 B) for every actor spawned with a named factory. The first move puts the name in
     * the extras, which the move makes anyway.
     */
    private boolean pinnedHere;

    ActorCell(HyphaeActorSystem system, ActorCell<?> parent, String name, long id, ActorFactory<M> factory,
            MailboxSpec spec, int throughput, DispatcherBinding binding, MailboxQueue<Object> mailbox,
            MailboxFactory mailboxFactory, String pinned, boolean lifecycleSignals, boolean failureLogging) {
        super(system, parent, factory, throughput, binding, spec, mailbox, mailboxFactory, lifecycleSignals,
                failureLogging);
        this.name = name;
        this.id = id;
        if (pinned != null) {
            if (pinned.equals(mailboxFactory.name())) {
                pinnedHere = true;
            } else {
                extras().pinned = pinned;
            }
        }
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

    @Override
    ActorCell<M> self() {
        return this;
    }

    // ------------------------------------------------------------------ watch

    /** This cell's watches, created on first use; on its turn. */
    DeathWatch deathWatch() {
        CellExtras x = extras();
        if (x.watch == null) {
            x.watch = new DeathWatch();
        }
        return x.watch;
    }

    /** This cell's watches, or null if it never watched or was watched. */
    DeathWatch existingDeathWatch() {
        CellExtras x = existingExtras();
        return x == null ? null : x.watch;
    }

    /** Opens a {@link WatchNotice} on this cell's turn. */
    void watchedTerminated(ActorCell<?> other) {
        DeathWatch w = existingDeathWatch();
        if (w != null && w.forget(other)) {
            signal(new Terminated(other, other.exitReason()));
        }
    }

    /** Opens a {@link WatchNotice} about a remote actor on this cell's turn. */
    void remoteTerminated(RemoteRef<?> other, ExitReason reason) {
        DeathWatch w = existingDeathWatch();
        if (w != null && w.forgetRemote(other)) {
            signal(new Terminated(other, reason));
        }
    }

    /**
     * How many actors and how many {@code whenTerminated} stages watch this one; read from
     * another thread, so a hint.
     */
    int[] watchCounts() {
        DeathWatch w = existingDeathWatch();
        return w == null ? new int[2] : w.counts();
    }

    // ------------------------------------------------------------------ timers

    /** This cell's timers, created on first use; on its turn. */
    CellTimers timers() {
        CellExtras x = extras();
        if (x.timers == null) {
            x.timers = new CellTimers();
        }
        return x.timers;
    }

    /** Opens a {@link TimerMessage}: true if it still counts. */
    boolean acceptTimer(TimerMessage t) {
        CellExtras x = existingExtras();
        return x != null && x.timers != null && x.timers.accept(t);
    }

    // ------------------------------------------------------------------ walks

    /**
     * Moves to the mailbox factory this cell should use now: the one a single-actor swap
     * names (which then pins it), else the pinned one while it exists, else the best
     * for its shape. Forwards a system-wide walk to the children.
     */
    void reselect(SystemMessage.Reselect r) {
        boolean moved = false;
        try {
            String pin = r.pin != null ? r.pin.name() : pinned();
            MailboxFactory target = r.pin != null ? r.pin : system.mailboxes.choose(spec, pin);
            if (pin != null && (r.pin != null || target != mailboxFactory())) {
                // Pinned elsewhere than where it goes now: the name must outlive the move.
                pinnedHere = false;
                extras().pinned = pin;
            }
            moved = swapTo(target);
        } finally {
            if (r.walk != null) {
                for (ActorCell<?> c : children()) {
                    r.walk.enter();
                    c.sendSystem(new SystemMessage.Reselect(r.walk, null, null));
                }
            }
            r.done(moved);
        }
    }

    /** The mailbox factory this cell is pinned to, or null if it follows the preference; on its turn. */
    private String pinned() {
        if (pinnedHere) {
            return mailboxFactory().name();
        }
        CellExtras x = existingExtras();
        return x == null ? null : x.pinned;
    }

    /** Reports this cell to an inspection and passes it on to the children. */
    void inspect(SystemMessage.Inspect i) {
        try {
            List<ActorCell<?>> kids = children();
            i.out.add(new ActorSnapshot(i.level, metrics(), stateName(), kids.size(), throughput,
                    spec.isBounded() ? spec.capacity() + " " + spec.overflow() : "unbounded", pinned()));
            for (ActorCell<?> c : kids) {
                i.walk.enter();
                c.sendSystem(new SystemMessage.Inspect(i.walk, i.out, i.level + 1));
            }
        } finally {
            i.walk.leave(false);
        }
    }

    /** Reports whether this cell has messages queued, and sends the probe on to the children. */
    void probe(SystemMessage.Probe p) {
        try {
            for (ActorCell<?> c : children()) {
                p.walk.enter();
                c.sendSystem(new SystemMessage.Probe(p.walk));
            }
        } finally {
            p.walk.leave(depth() > 0);
        }
    }

    // ------------------------------------------------------------------ misc

    /** The actor's logger, named after its path; on its turn. */
    Logger log() {
        CellExtras x = extras();
        if (x.log == null) {
            x.log = LoggerFactory.getLogger("io.hyphae.actor." + path().replace('/', '.'));
        }
        return x.log;
    }

    @Override
    void countProcessed(int handled) {
        PROCESSED.setOpaque(this, (long) PROCESSED.getOpaque(this) + handled);
    }

    /** Messages handled so far; any thread. */
    long processed() {
        return (long) PROCESSED.getOpaque(this);
    }

    /** Counters, read from any thread (possibly stale). */
    ActorMetrics metrics() {
        long done = processed();
        CellExtras x = existingExtras();
        // Stash and moved segments are read without synchronisation: estimates, like the
        // queue size.
        int depth = depth();
        long failures = x == null ? 0 : x.failures;
        long restarts = x == null ? 0 : x.restarts;
        long discarded = x == null ? 0 : x.discarded;
        return new ActorMetrics(path(), done + depth + discarded, done, depth, failures, restarts,
                mailboxFactory().name());
    }
}
