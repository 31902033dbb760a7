package io.hyphae.runtime.internal;

import io.hyphae.api.DeadLetter;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayDeque;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The second layer of a cell: the one place that knows where pending user messages sit,
 * in which order they are handled, how they reach the cell and how they leave it when it
 * dies.
 *
 * <p>A pending message sits in one of four places, handled in this order: moved segments
 * (what a mailbox move took out of replaced queues, oldest queue first), the overflow
 * (what producers rescued from a replaced queue), the stash (drained in a turn that could
 * not handle it) and the mailbox. {@link #pollPending} is that order.
 *
 * <p>Mailbox moves ({@link #swapTo}): the turn publishes the new queue, then drains the
 * old one (waiting for offers already under way) into a segment handled before anything
 * else. A producer re-reads {@code mailbox} after its offer; if it changed, its message
 * may have landed after that drain, so the producer itself moves what is left of the old
 * queue into the overflow before returning, under the lock the turn held while draining
 * ({@link MailboxMoves}). Its next message therefore follows the rescued one. Both
 * re-reads are sequentially consistent with the turn's publication and the queue's
 * emptiness check, so every message is either drained by the turn or rescued by its
 * producer, never both and never neither.
 */
abstract class CellInbox<M> extends CellCore<M> {

    private static final Logger LOG = LoggerFactory.getLogger(ActorCell.class);

    private static final VarHandle MAILBOX;
    private static final VarHandle EXTRAS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            MAILBOX = l.findVarHandle(CellInbox.class, "mailbox", MailboxQueue.class);
            EXTRAS = l.findVarHandle(CellInbox.class, "extras", CellExtras.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Replaced only on the cell's turn ({@link #swapTo}); producers read it per message. */
    private volatile MailboxQueue<Object> mailbox;
    private volatile MailboxFactory mailboxFactory;
    /**
     * Set on the cell's last turn, before its queue is turned into dead letters: a producer
     * that sees it dead-letters at once; one that offered just before is caught by the
     * turn that follows (the cell still has work, so it is scheduled again).
     */
    private volatile boolean dead;
    /** Written on the turn; read by producers ({@code moves}) and metrics. */
    private CellExtras extras;
    final MailboxSpec spec;

    CellInbox(HyphaeActorSystem system, int throughput, DispatcherBinding binding, MailboxSpec spec,
            MailboxQueue<Object> mailbox, MailboxFactory mailboxFactory) {
        super(system, throughput, binding);
        this.spec = spec;
        this.mailbox = mailbox;
        this.mailboxFactory = mailboxFactory;
    }

    /** Handles one user message (opening envelopes); on the turn. */
    abstract void invoke(Object message);

    /** Whether a drained message can be handled now rather than stashed. */
    abstract boolean canHandleNow();

    /** The ref that dead letters name as recipient. */
    abstract ActorCell<M> self();

    // ------------------------------------------------------------------ producers

    /** Adds a user (or timer) message; any thread. */
    final void enqueue(Object message) {
        if (dead) {
            deadLetter(message, DeadLetter.Reason.RECIPIENT_TERMINATED);
            return;
        }
        MailboxQueue<Object> q = mailbox;
        if (!q.offer(message) && !OverflowPolicy.of(spec.overflow()).apply(this, q, message)) {
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
    final boolean offerDeadLetter(DeadLetter letter) {
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

    /** Offers a runtime envelope on the cell's own turn, with no overflow policy; false if full. */
    final boolean offerDirect(Envelope e) {
        return mailbox.offer(e);
    }

    private void afterOffer(MailboxQueue<Object> q) {
        if (MAILBOX.getVolatile(this) != q) {
            rescue(q);
        }
        schedule();
    }

    /**
     * The mailbox was replaced while this producer offered to {@code old}: moves whatever
     * the turn's drain missed into the overflow queue. Waits only for the turn's drain of
     * {@code old} or another producer's rescue, never for the actor to handle anything.
     */
    private void rescue(MailboxQueue<Object> old) {
        // Set before the replacement was published, which this producer has seen.
        ((CellExtras) EXTRAS.getAcquire(this)).moves.rescue(old);
        system.counters.mailboxRescued();
    }

    final void deadLetter(Object message, DeadLetter.Reason reason) {
        system.deadLetters.post(Envelope.unwrap(message), self(), reason);
    }

    final boolean isDead() {
        return dead;
    }

    // ------------------------------------------------------------------ the turn

    @Override
    final int handleMessages(int budget, DrainSink sink) {
        CellExtras x = extras;
        if (x != null) {
            Object pending = pollPending(x);
            if (pending != null) {
                invoke(pending);
                return 1;
            }
        }
        CellInbox<?> outer = sink.cell;
        int before = sink.handled;
        sink.cell = this;
        try {
            sink.midBatch = false;
            // Read per batch: a move replaces it between batches.
            int drained = mailbox.drain(sink, budget);
            if (drained == 0) {
                return -1;
            }
            sink.exhausted = drained < budget;
            return sink.handled - before;
        } finally {
            // A turn run inside another on this thread (only after shutdown) restores it.
            sink.cell = outer;
        }
    }

    /**
     * A message drained in this turn: handle it now, or stash it if the actor cannot
     * (it failed, a system message arrived, or rescued or unstashed messages must go first).
     *
     * @return whether it was handled (not stashed)
     */
    final boolean acceptDrained(Object message) {
        if (canHandleNow() && !hasSystemMessages() && !olderWaiting()) {
            invoke(message);
            return true;
        } else {
            CellExtras x = extras();
            if (x.stash == null) {
                x.stash = new ArrayDeque<>();
            }
            x.stash.add(message);
            return false;
        }
    }

    /** The actor's stash, made on first use; see {@code ActorContext.stash}. On the turn. */
    @SuppressWarnings("unchecked")
    final io.hyphae.api.Stash<M> userStash(int capacity) {
        UserStash.checkCapacity(capacity);
        CellExtras x = extras();
        if (x.userStash == null) {
            x.userStash = new UserStash<>(this, capacity);
        } else {
            x.userStash.resize(capacity);
        }
        return (io.hyphae.api.Stash<M>) x.userStash;
    }

    /**
     * Puts messages the actor unstashed in front of everything else, oldest first, and
     * empties {@code items}.
     */
    final void replay(ArrayDeque<Object> items) {
        if (items.isEmpty()) {
            return;
        }
        CellExtras x = extras();
        if (x.replay == null) {
            x.replay = new ArrayDeque<>(items.size());
        }
        for (java.util.Iterator<Object> it = items.descendingIterator(); it.hasNext();) {
            x.replay.addFirst(it.next());
        }
        items.clear();
    }

    /**
     * The next message handled before the mailbox: what the actor unstashed, then moved
     * segments (oldest first), then rescued overflow, then the stash; null if none.
     */
    private static Object pollPending(CellExtras x) {
        if (x.replay != null) {
            Object m = x.replay.poll();
            if (m != null) {
                return m;
            }
            x.replay = null;
        }
        if (x.moved != null) {
            ArrayDeque<Object> seg;
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

    /** Whether messages older than the drained ones wait: rescued by producers, or unstashed by the actor. */
    private boolean olderWaiting() {
        CellExtras x = extras;
        MailboxMoves mv;
        return x != null && (x.replay != null || (mv = x.moves) != null && !mv.overflow.isEmpty());
    }

    /** Whether any message is pending, in any of the four places. */
    final boolean hasPending() {
        CellExtras x = extras;
        return !mailbox.isEmpty() || (x != null && (x.stash != null && !x.stash.isEmpty() || x.moved != null
                || x.replay != null || x.moves != null && !x.moves.overflow.isEmpty()));
    }

    // ------------------------------------------------------------------ death

    /** Marks the cell dead: from now on producers dead-letter their messages themselves. */
    final void markDead() {
        dead = true;
    }

    /**
     * Turns every pending message, and what the actor stashed, into a dead letter. Of
     * envelopes, only those carrying a user's message count (an adapted message, a piped
     * outcome); the runtime's own are dropped.
     */
    final void drainToDeadLetters() {
        MailboxQueue<Object> q = mailbox;
        Object m;
        long n = 0;
        CellExtras x = extras;
        if (x != null && x.userStash != null) {
            replay(x.userStash.drain());
        }
        while ((m = x != null ? pollPending(x) : null) != null || (m = q.poll()) != null) {
            Object letter = m instanceof Envelope e ? e.letter() : m;
            if (letter != null) {
                n++;
                system.deadLetters.post(letter, self(), DeadLetter.Reason.RECIPIENT_TERMINATED);
            }
        }
        if (n > 0) {
            extras().discarded += n;
        }
    }

    // ------------------------------------------------------------------ moves

    final MailboxFactory mailboxFactory() {
        return mailboxFactory;
    }

    /**
     * Replaces the mailbox with one from {@code f}, on this cell's turn and between two
     * messages. Returns false if {@code f} already made it or cannot make a new one.
     */
    final boolean swapTo(MailboxFactory f) {
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
        CellExtras x = extras();
        MailboxMoves mv = x.moves;
        if (mv == null) {
            mv = new MailboxMoves();
            x.moves = mv; // volatile: visible to any producer that sees the new mailbox
        }
        ArrayDeque<Object> segment = new ArrayDeque<>();
        MailboxQueue<Object> old = mailbox;
        mailboxFactory = f;
        mv.replace(() -> MAILBOX.setVolatile(this, fresh), old, x.stash, segment);
        if (!segment.isEmpty()) {
            if (x.moved == null) {
                x.moved = new ArrayDeque<>();
            }
            x.moved.addLast(segment);
        }
        system.counters.mailboxMoved();
        return true;
    }

    // ------------------------------------------------------------------ extras and metrics

    /** The extras, created on first use; on the turn (or in the constructor). */
    final CellExtras extras() {
        CellExtras x = extras;
        if (x == null) {
            x = new CellExtras();
            EXTRAS.setRelease(this, x);
        }
        return x;
    }

    /** The extras if any; on the turn, or from another thread as a hint. */
    final CellExtras existingExtras() {
        return (CellExtras) EXTRAS.getAcquire(this);
    }

    /** Messages queued or pending; an estimate from any thread. */
    final int depth() {
        CellExtras x = existingExtras();
        return mailbox.size() + (x == null ? 0 : pendingEstimate(x));
    }

    private static int pendingEstimate(CellExtras x) {
        int n = 0;
        try {
            ArrayDeque<Object> stash = x.stash;
            n += stash == null ? 0 : Math.max(0, stash.size());
            MailboxMoves mv = x.moves;
            n += mv == null ? 0 : mv.overflow.size();
            ArrayDeque<ArrayDeque<Object>> moved = x.moved;
            if (moved != null) {
                for (ArrayDeque<Object> seg : moved) {
                    n += Math.max(0, seg.size());
                }
            }
        } catch (RuntimeException e) {
            // Iterating another thread's deque may fail mid-change; the figure is a hint.
        }
        return n;
    }
}
