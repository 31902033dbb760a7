package io.hyphae.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The first layer of a cell: scheduling and the turn. Layers above own the messages
 * ({@link CellInbox}), the lifecycle ({@link CellLifecycle}) and the identity
 * ({@link ActorCell}); there is one object per actor, as with JCTools' field layers.
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
 * <p>System messages sit on a lock-free stack ({@code sysHead}) and are handled, in arrival
 * order, before any user message and again between user messages. Once the cell has
 * terminated the stack is {@link SystemMessage#CLOSED}: a sender then bounces its message
 * itself.
 */
abstract class CellCore<M> {

    private static final Logger LOG = LoggerFactory.getLogger(ActorCell.class);

    private static final int IDLE = 0;
    private static final int SCHEDULED = 1;

    private static final VarHandle STATUS;
    private static final VarHandle SYS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATUS = l.findVarHandle(CellCore.class, "status", int.class);
            SYS = l.findVarHandle(CellCore.class, "sysHead", SystemMessage.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATUS
    private volatile int status;
    @SuppressWarnings("unused") // accessed through SYS
    private volatile SystemMessage sysHead;
    final HyphaeActorSystem system;
    /** Messages per turn before the cell yields its thread. */
    final int throughput;
    /** Where the cell's turns run: the system default's binding, or a pinned dispatcher's. */
    final DispatcherBinding binding;
    /**
     * What a dispatcher that does not take cells directly runs for this cell, made once per
     * dispatcher; only the holder of SCHEDULED reads or writes it.
     */
    Object turnAdapter;

    CellCore(HyphaeActorSystem system, int throughput, DispatcherBinding binding) {
        this.system = system;
        this.throughput = throughput;
        this.binding = binding;
    }

    // ------------------------------------------------------------------ what the layers above supply

    /** Whether user messages may be handled now (the instance runs). */
    abstract boolean acceptsMessages();

    /**
     * Handles the next pending message, or drains and handles one batch of at most
     * {@code budget} from the mailbox through {@code sink}; sets {@code sink.exhausted} when
     * the mailbox gave fewer than {@code budget}.
     *
     * @return the number of messages handled, or -1 if there was nothing to take
     */
    abstract int handleMessages(int budget, DrainSink sink);

    /** Whether a user message waits that this cell may handle (or must dead-letter). */
    abstract boolean hasMessageWork();

    /** Handles one system message on the turn. */
    abstract void handleSystem(SystemMessage m);

    /** A system message arrived after the cell terminated; on the sender's thread. */
    abstract void bounceSystem(SystemMessage m);

    /** Work at the end of a turn, before the cell goes idle. */
    abstract void endTurn();

    /** The actor's path, for log lines. */
    abstract String path();

    /** Adds a turn's count to the actor's total; once per turn, off the producers' cache line. */
    abstract void countProcessed(int handled);

    // ------------------------------------------------------------------ scheduling

    /** Hands the cell to the dispatcher unless it is already scheduled; any thread. */
    final void schedule() {
        if ((int) STATUS.getVolatile(this) == IDLE && STATUS.compareAndSet(this, IDLE, SCHEDULED)) {
            dispatch(false);
        }
    }

    /**
     * Hands the cell, now SCHEDULED by the caller, to the dispatcher: {@code fair} puts a
     * cell that used up its throughput behind the others. Overridden only by tests that
     * drive the handshake without a dispatcher.
     */
    void dispatch(boolean fair) {
        binding.target.dispatch(this, fair);
    }

    /** Pushes a system message and schedules the cell; any thread. */
    final void sendSystem(SystemMessage message) {
        for (;;) {
            SystemMessage head = (SystemMessage) SYS.getVolatile(this);
            if (head == SystemMessage.CLOSED) {
                bounceSystem(message);
                return;
            }
            message.next = head;
            if (SYS.compareAndSet(this, head, message)) {
                break;
            }
        }
        schedule();
    }

    final boolean hasSystemMessages() {
        SystemMessage h = (SystemMessage) SYS.getVolatile(this);
        return h != null && h != SystemMessage.CLOSED;
    }

    /**
     * Closes the system-message stack for good and returns what was on it, in arrival
     * order; later senders bounce their messages themselves.
     */
    final SystemMessage closeSystemMessages() {
        return SystemMessage.earliestFirst((SystemMessage) SYS.getAndSet(this, SystemMessage.CLOSED));
    }

    // ------------------------------------------------------------------ the turn

    /**
     * Runs one turn with the calling thread's sink; only the holder of SCHEDULED calls
     * this. Returns messages handled. System messages go first and again between batches;
     * the turn ends when the throughput budget is spent, the instance stops running or the
     * mailbox gave less than was asked for.
     *
     * <p>A turn that found work announced but took nothing (a producer has claimed a slot and
     * not yet written it) yields the core before the cell is scheduled again, behind the
     * others: the producer most likely needs this core to finish.
     */
    final int run(DrainSink sink) {
        int handled = 0;
        boolean budgetSpent = false;
        boolean tookNothing = true;
        try {
            if (hasSystemMessages()) {
                tookNothing = false;
                processSystemMessages();
            }
            while (acceptsMessages()) {
                if (hasSystemMessages()) {
                    tookNothing = false;
                    processSystemMessages();
                    continue;
                }
                int budget = throughput - handled;
                if (budget <= 0) {
                    budgetSpent = true;
                    break;
                }
                sink.exhausted = false;
                int n = handleMessages(budget, sink);
                if (n < 0) {
                    break;
                }
                tookNothing = false;
                handled += n;
                if (sink.exhausted && !hasSystemMessages()) {
                    break;
                }
            }
            endTurn();
        } catch (Throwable t) {
            // Hooks and handlers are guarded; reaching here is a runtime bug. Keep the
            // cell schedulable rather than wedging it in SCHEDULED.
            LOG.error("unexpected error in the turn of {}", path(), t);
        } finally {
            if (handled > 0) {
                countProcessed(handled);
            }
            STATUS.setVolatile(this, IDLE);
            if ((hasSystemMessages() || hasMessageWork()) && STATUS.compareAndSet(this, IDLE, SCHEDULED)) {
                if (tookNothing) {
                    Thread.yield();
                }
                dispatch(budgetSpent || tookNothing);
            }
        }
        return handled;
    }

    private void processSystemMessages() {
        SystemMessage m = SystemMessage.earliestFirst((SystemMessage) SYS.getAndSet(this, null));
        while (m != null) {
            SystemMessage n = m.next;
            m.next = null;
            handleSystem(m);
            m = n;
        }
    }
}
