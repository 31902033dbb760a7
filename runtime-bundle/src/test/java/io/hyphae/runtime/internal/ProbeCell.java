package io.hyphae.runtime.internal;

import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The real cell layers up to {@link CellInbox}, with no dispatcher behind them: scheduling
 * is counted instead of run, and handled messages are recorded. Concurrency tests drive
 * the production handshake, offer, rescue and move code through it.
 */
public final class ProbeCell extends CellInbox<Object> {

    /** Gives the cells their counters and dead letters; its threads stay idle. */
    private static final HyphaeActorSystem SYSTEM = new HyphaeActorSystem(
            ActorSystemConfig.defaults().withName("probe"), List.of(), List.of(), null);

    private final AtomicInteger dispatched = new AtomicInteger();
    private final DrainSink sink = new DrainSink();
    private volatile boolean handling;
    /** Messages handled, in order; read after the racing threads are done. */
    public final List<Object> handled = new ArrayList<>();

    /**
     * A cell on a fresh queue from {@code factory}.
     *
     * @param factory makes the mailbox
     * @param spec the mailbox shape
     */
    public ProbeCell(MailboxFactory factory, MailboxSpec spec) {
        super(SYSTEM, 100, SYSTEM.dispatchers.defaults, spec, factory.create(spec), factory);
    }

    /** Takes the cell as a running turn would: it holds SCHEDULED, and the count starts at 0. */
    public void startTurn() {
        schedule();
        dispatched.set(0);
    }

    /** Times the cell was handed to the dispatcher since {@link #startTurn}. */
    public int dispatched() {
        return dispatched.get();
    }

    /** Ends a turn that handles nothing (the actor is busy elsewhere), as {@link CellCore#run} does. */
    public void endTurnHandlingNothing() {
        handling = false;
        run(sink);
    }

    /** Sends as {@code ActorRef.tell} does. */
    public void send(Object message) {
        enqueue(message);
    }

    /** Moves to a mailbox of {@code factory}, on the turn, as a mailbox swap does. */
    public boolean moveTo(MailboxFactory factory) {
        return swapTo(factory);
    }

    /** Handles everything pending, in the order the actor would. */
    public List<Object> handleAll() {
        handling = true;
        while (handleMessages(1_000, sink) >= 0) {
            // one batch or one pending message per call
        }
        return handled;
    }

    @Override
    void invoke(Object message) {
        handled.add(message);
    }

    @Override
    boolean canHandleNow() {
        return handling;
    }

    @Override
    ActorCell<Object> self() {
        return null; // no dead letters in these tests
    }

    @Override
    boolean acceptsMessages() {
        return handling;
    }

    @Override
    boolean hasMessageWork() {
        return hasPending();
    }

    @Override
    void handleSystem(SystemMessage m) {
    }

    @Override
    void bounceSystem(SystemMessage m) {
    }

    @Override
    void endTurn() {
    }

    @Override
    String path() {
        return "probe";
    }

    @Override
    void countProcessed(int n) {
    }

    @Override
    void dispatch(boolean fair) {
        dispatched.incrementAndGet();
    }
}
