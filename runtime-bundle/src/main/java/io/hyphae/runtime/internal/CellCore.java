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
    private static final VarHandle PROCESSED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            STATUS = l.findVarHandle(CellCore.class, "status", int.class);
            SYS = l.findVarHandle(CellCore.class, "sysHead", SystemMessage.class);
            PROCESSED = l.findVarHandle(CellCore.class, "processed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    @SuppressWarnings("unused") // accessed through STATUS
    private volatile int status;
    @SuppressWarnings("unused") // accessed through SYS
    private volatile SystemMessage sysHead;
    /** Messages handled, published once per turn. */
    private long processed;
    /** Messages handled in the current turn. */
    int turnCount;
    final HyphaeActorSystem system;
    /** Messages per turn before the cell yields its thread. */
    final int throughput;

    CellCore(HyphaeActorSystem system, int throughput) {
        this.system = system;
        this.throughput = throughput;
    }

    // ------------------------------------------------------------------ what the layers above supply

    /** Whether user messages may be handled now (the instance runs). */
    abstract boolean acceptsMessages();

    /**
     * Handles the next pending message, or drains and handles one batch of at most
     * {@code budget} from the mailbox.
     *
     * @return false if there was nothing to handle
     */
    abstract boolean handleMessages(int budget);

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
        if (fair) {
            system.dispatcher.executeFair(this);
        } else {
            system.dispatcher.execute(this);
        }
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

    final long processed() {
        return (long) PROCESSED.getOpaque(this);
    }

    // ------------------------------------------------------------------ the turn

    /**
     * Runs one turn; only the holder of SCHEDULED calls this. Returns messages handled.
     * System messages go first and again between batches; the turn ends when the
     * throughput budget is spent, the instance stops running or nothing is left.
     */
    final int run() {
        turnCount = 0;
        boolean budgetSpent = false;
        try {
            if (hasSystemMessages()) {
                processSystemMessages();
            }
            while (acceptsMessages()) {
                if (hasSystemMessages()) {
                    processSystemMessages();
                    continue;
                }
                int budget = throughput - turnCount;
                if (budget <= 0) {
                    budgetSpent = true;
                    break;
                }
                if (!handleMessages(budget)) {
                    break;
                }
            }
            endTurn();
        } catch (Throwable t) {
            // Hooks and handlers are guarded; reaching here is a runtime bug. Keep the
            // cell schedulable rather than wedging it in SCHEDULED.
            LOG.error("unexpected error in the turn of {}", path(), t);
        } finally {
            int count = turnCount;
            // Published once per turn, not per message: producers read this cache line on
            // every tell, so a per-message write here would bounce it between cores.
            if (count > 0) {
                PROCESSED.setOpaque(this, processed + count);
            }
            STATUS.setVolatile(this, IDLE);
            if ((hasSystemMessages() || hasMessageWork()) && STATUS.compareAndSet(this, IDLE, SCHEDULED)) {
                dispatch(budgetSpent);
            }
        }
        return turnCount;
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
