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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code work-stealing} dispatcher: a {@link ForkJoinPool} in asynchronous (FIFO) mode.
 * Each thread has its own deque; a cell scheduled on a pool thread goes to that thread's
 * deque and idle threads steal from the others. A cell's turn is one reusable
 * {@link ForkJoinTask} that never completes ({@code exec} returns false), so it can be
 * forked again and scheduling allocates nothing after the first time.
 */
final class StealingDispatcher implements Dispatcher, CellDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(StealingDispatcher.class);
    private static final VarHandle PROCESSED;

    static {
        try {
            PROCESSED = MethodHandles.privateLookupIn(Worker.class, MethodHandles.lookup())
                    .findVarHandle(Worker.class, "processed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ForkJoinPool pool;
    /** Messages counted by threads that have ended. */
    private final LongAdder retired = new LongAdder();
    private final Set<Worker> live = ConcurrentHashMap.newKeySet();

    StealingDispatcher(DispatcherSettings settings) {
        String prefix = "hyphae-" + settings.systemName() + "-stealing-";
        int threads = settings.threads();
        this.pool = new ForkJoinPool(threads, p -> new Worker(p, this, prefix), (t, e) -> LOG.error(
                "work-stealing dispatcher thread {} failed", t.getName(), e), true);
    }

    @Override
    public void dispatch(CellCore<?> cell, boolean fair) {
        CellTask t = cell.turnAdapter instanceof CellTask c && c.owner == this ? c : adapt(cell);
        if (Thread.currentThread() instanceof Worker w && w.owner == this) {
            // In asynchronous mode the thread's own deque is FIFO: a yielded cell goes
            // behind what this thread already holds.
            t.fork();
            return;
        }
        try {
            pool.execute(t);
        } catch (RejectedExecutionException e) {
            // Shut down: only stopped actors remain; run the turn that dead-letters here.
            cell.run(new DrainSink());
        }
    }

    private CellTask adapt(CellCore<?> cell) {
        CellTask t = new CellTask(cell, this);
        cell.turnAdapter = t;
        return t;
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
            sum += w.processed;
        }
        return sum;
    }

    @Override
    public void shutdown() {
        pool.shutdown();
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return pool.awaitTermination(Durations.nanos(timeout), TimeUnit.NANOSECONDS);
    }

    /** A pool thread with its own drain sink and counter. */
    private static final class Worker extends ForkJoinWorkerThread {
        final StealingDispatcher owner;
        final DrainSink sink = new DrainSink();
        volatile long processed;

        Worker(ForkJoinPool pool, StealingDispatcher owner, String prefix) {
            super(pool);
            this.owner = owner;
            setName(prefix + getPoolIndex());
            setDaemon(true);
        }

        @Override
        protected void onStart() {
            super.onStart();
            owner.live.add(this);
        }

        @Override
        protected void onTermination(Throwable exception) {
            owner.live.remove(this);
            owner.retired.add(processed);
            super.onTermination(exception);
        }
    }

    /** A cell's turn as a task that never completes, so it can be forked again. */
    private static final class CellTask extends ForkJoinTask<Void> {
        private static final long serialVersionUID = 1L;
        private final transient CellCore<?> cell;
        final transient StealingDispatcher owner;

        CellTask(CellCore<?> cell, StealingDispatcher owner) {
            this.cell = cell;
            this.owner = owner;
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
            if (Thread.currentThread() instanceof Worker w) {
                int n = cell.run(w.sink);
                if (n > 0) {
                    // Only this thread writes it: no read-modify-write needed.
                    PROCESSED.setOpaque(w, w.processed + n);
                }
            } else {
                int n = cell.run(new DrainSink());
                owner.retired.add(n);
            }
            return false;
        }
    }
}
