package io.hyphae.runtime.internal;

import io.hyphae.api.dispatch.Dispatcher;
import io.hyphae.api.dispatch.DispatcherSettings;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A dispatcher on a {@link ForkJoinPool} in asynchronous (FIFO) mode: each thread has its
 * own deque, a cell scheduled on a pool thread goes to that thread's deque, and idle
 * threads steal from the others. A cell's turn is one reusable {@link ForkJoinTask} that
 * never completes ({@code exec} returns false), so it can be forked again and scheduling
 * allocates nothing after the first time.
 *
 * <p>With the hand-off slot ({@code work-stealing}), a cell scheduled by a turn goes first
 * into the thread's one-element slot and runs right after that turn, on the same warm
 * thread, without touching a deque or waking another thread; a displaced occupant, the
 * occupant of a turn that goes on to its next message, and anything after
 * {@value #SLOT_RUNS} slot turns in a row, goes to the deque. A watch thread
 * looks every {@value AffinityDispatcher#WATCH_MILLIS} ms for a thread that has been in
 * one turn since its last look with a cell in its slot, and hands that cell to the pool,
 * so an actor blocking its thread strands nothing it scheduled.
 *
 * <p>Fairness: a pool thread runs its own deque for as long as it holds anything, so busy
 * actors could keep a message sent from outside the pool waiting for ever. Every
 * {@value #ADMIT_EVERY} turns, and whenever a cell yields after using up its throughput,
 * a thread moves one outside submission into its deque, behind what it holds.
 */
final class StealingDispatcher implements Dispatcher, CellDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(StealingDispatcher.class);
    /** Slot turns a thread runs in a row before it lets its deque and the pool have a say. */
    static final int SLOT_RUNS = 64;
    /** Every so many turns a thread takes one task submitted from outside into its deque. */
    static final int ADMIT_EVERY = 64;
    private static final VarHandle PROCESSED;
    private static final VarHandle TURNS;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.privateLookupIn(Worker.class, MethodHandles.lookup());
            PROCESSED = l.findVarHandle(Worker.class, "processed", long.class);
            TURNS = l.findVarHandle(Worker.class, "turns", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final Pool pool;
    private final boolean handOff;
    /** Messages counted by threads that have ended. */
    private final LongAdder retired = new LongAdder();
    private final Set<Worker> live = ConcurrentHashMap.newKeySet();
    private final Thread watch;
    private volatile boolean shutdown;

    StealingDispatcher(DispatcherSettings settings, String kind, boolean handOff) {
        String prefix = "hyphae-" + settings.systemName() + "-" + kind + "-";
        this.handOff = handOff;
        this.pool = new Pool(settings.threads(), p -> new Worker(p, this, prefix), (t, e) -> LOG.error(
                "dispatcher thread {} failed", t.getName(), e));
        if (handOff) {
            watch = new Thread(this::watchSlots, "hyphae-" + settings.systemName() + "-" + kind + "-slot-watch");
            watch.setDaemon(true);
            watch.start();
        } else {
            watch = null;
        }
    }

    @Override
    public void dispatch(CellCore<?> cell, boolean fair) {
        Object adapter = cell.turnAdapter;
        ForkJoinTask<?> t;
        if (adapter instanceof CellTask c && c.owner == this && !c.once) {
            t = c;
        } else if (adapter == FIRST_TURN_SEEN) {
            t = adapt(cell);
        } else {
            // The first turn (usually the start) runs in a throw-away task, so an actor
            // that never gets a message holds no task: idle actors stay small.
            cell.turnAdapter = FIRST_TURN_SEEN;
            t = new CellTask(cell, this, true);
        }
        if (Thread.currentThread() instanceof Worker w && w.owner == this) {
            if (handOff && !fair) {
                ForkJoinTask<?> displaced = w.slot.put(t);
                if (displaced == null) {
                    return;
                }
                t = displaced;
            }
            // In asynchronous mode the thread's own deque is FIFO: a yielded cell goes
            // behind what this thread already holds.
            t.fork();
            if (fair) {
                w.admitSubmission();
            }
            return;
        }
        submit(t);
    }

    private void submit(ForkJoinTask<?> t) {
        try {
            pool.execute(t);
        } catch (RejectedExecutionException e) {
            // Shut down: only stopped actors remain; run the turn that dead-letters here.
            cellOf(t).run(new DrainSink());
        }
    }

    private static CellCore<?> cellOf(ForkJoinTask<?> t) {
        return ((CellTask) t).cell;
    }

    private CellTask adapt(CellCore<?> cell) {
        CellTask t = new CellTask(cell, this, false);
        cell.turnAdapter = t;
        return t;
    }

    /** The watch thread: hands the pool a cell waiting in the slot of a thread stuck in one turn. */
    private void watchSlots() {
        while (!shutdown) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(AffinityDispatcher.WATCH_MILLIS));
            for (Worker w : live) {
                long turns = (long) TURNS.getOpaque(w);
                if (turns == w.seenByWatch) {
                    ForkJoinTask<?> t = w.slot.take();
                    if (t != null) {
                        submit(t);
                    }
                }
                w.seenByWatch = turns;
            }
        }
    }

    @Override
    public void execute(Runnable turn) {
        try {
            pool.execute(turn);
        } catch (RejectedExecutionException e) {
            turn.run();
        }
    }

    @Override
    public int threads() {
        return pool.getParallelism();
    }

    @Override
    public long processed() {
        long sum = retired.sum();
        for (Worker w : live) {
            sum += (long) PROCESSED.getOpaque(w);
        }
        return sum;
    }

    @Override
    public void shutdown() {
        shutdown = true;
        pool.shutdown();
        if (watch != null) {
            LockSupport.unpark(watch);
        }
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return pool.awaitTermination(Durations.nanos(timeout), TimeUnit.NANOSECONDS);
    }

    /** A pool thread with its own drain sink, counters and hand-off slot. */
    private static final class Worker extends ForkJoinWorkerThread implements DrainSink.HandOff {
        final StealingDispatcher owner;
        final DrainSink sink;
        final HandOffSlot<ForkJoinTask<?>> slot = new HandOffSlot<>();
        @SuppressWarnings("unused") // accessed through PROCESSED
        private volatile long processed;
        @SuppressWarnings("unused") // accessed through TURNS
        private volatile long turns;
        /** The watch thread's last reading of {@code turns}. */
        long seenByWatch = -1;

        Worker(ForkJoinPool pool, StealingDispatcher owner, String prefix) {
            super(pool);
            this.owner = owner;
            this.sink = new DrainSink(owner.handOff ? this : null);
            setName(prefix + getPoolIndex());
            setDaemon(true);
        }

        void runTurn(CellCore<?> cell) {
            long turn = (long) TURNS.getOpaque(this) + 1;
            TURNS.setOpaque(this, turn);
            if ((turn & (ADMIT_EVERY - 1)) == 0) {
                admitSubmission();
            }
            int n = cell.run(sink);
            if (n > 0) {
                // Only this thread writes it: no read-modify-write needed.
                PROCESSED.setOpaque(this, (long) PROCESSED.getOpaque(this) + n);
            }
        }

        /**
         * Moves one task submitted from outside the pool into this thread's deque. A pool
         * thread keeps running its own deque while it holds anything, so without this a
         * crowd of busy actors could keep a message from outside waiting for ever.
         */
        void admitSubmission() {
            ForkJoinTask<?> s = owner.pool.nextSubmission();
            if (s != null) {
                s.fork();
            }
        }

        /**
         * A turn goes on after scheduling the cell in the slot: the cell goes to the deque,
         * where an idle thread can take it now rather than after the turn. Without this a
         * chain of actors (a ring, a pipeline) runs on one thread while the others idle.
         */
        @Override
        public void spill() {
            ForkJoinTask<?> t = slot.take();
            if (t != null) {
                t.fork();
            }
        }

        /** Runs what the turns put in the slot, then leaves the rest to the deque. */
        void runSlot() {
            for (int runs = 0; runs < SLOT_RUNS; runs++) {
                ForkJoinTask<?> t = slot.take();
                if (t == null) {
                    return;
                }
                runTurn(cellOf(t));
            }
            spill();
        }

        @Override
        protected void onStart() {
            super.onStart();
            owner.live.add(this);
        }

        @Override
        protected void onTermination(Throwable exception) {
            owner.live.remove(this);
            owner.retired.add((long) PROCESSED.getOpaque(this));
            super.onTermination(exception);
        }
    }

    /** The pool, for its protected {@link #pollSubmission}. */
    private static final class Pool extends ForkJoinPool {
        Pool(int threads, ForkJoinWorkerThreadFactory factory, Thread.UncaughtExceptionHandler handler) {
            super(threads, factory, handler, true);
        }

        ForkJoinTask<?> nextSubmission() {
            return pollSubmission();
        }
    }

    /** What a cell's adapter field holds after its first turn was dispatched. */
    private static final Object FIRST_TURN_SEEN = new Object();

    /** Runs a turn on a pool thread, its slot after it; or, off the pool, with a fresh sink. */
    private static void exec(CellCore<?> cell, StealingDispatcher owner) {
        if (Thread.currentThread() instanceof Worker w && w.owner == owner) {
            w.runTurn(cell);
            if (owner.handOff) {
                w.runSlot();
            }
        } else {
            int n = cell.run(new DrainSink());
            owner.retired.add(n);
        }
    }

    /**
     * A cell's turn as a task. The lasting one never completes ({@code exec} returns false),
     * so it can be forked again; the first turn's is used once and then dropped.
     */
    private static final class CellTask extends ForkJoinTask<Void> {
        private static final long serialVersionUID = 1L;
        final transient CellCore<?> cell;
        final transient StealingDispatcher owner;
        private final boolean once;

        CellTask(CellCore<?> cell, StealingDispatcher owner, boolean once) {
            this.cell = cell;
            this.owner = owner;
            this.once = once;
        }

        @Override
        public Void getRawResult() {
            return null;
        }

        @Override
        protected void setRawResult(Void value) {
            // no result
        }

        @Override
        protected boolean exec() {
            try {
                StealingDispatcher.exec(cell, owner);
            } catch (Throwable t) {
                // A task that throws completes exceptionally, and the pool would never run
                // this reusable one again: its cell would stay scheduled for ever, silently.
                LOG.error("unexpected error running the turn of {} or its hand-off slot", cell.path(), t);
            }
            return once;
        }
    }
}
