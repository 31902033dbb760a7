package io.hyphae.runtime.internal;

import io.hyphae.api.dispatch.Dispatcher;
import io.hyphae.api.dispatch.DispatcherSettings;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The default dispatcher: a fixed set of threads sharing one {@link RunQueue}, each with a
 * one-element hand-off slot.
 *
 * <p>Scheduling: an actor that becomes runnable on a dispatcher thread goes into that
 * thread's slot and runs right after the current turn, so two actors talking to each other
 * stay on one warm thread without waking another (the LIFO slot of Go's and Tokio's
 * schedulers). A displaced occupant goes to the run queue, and so does the occupant when
 * the turn that scheduled it goes on to its next message ({@link DrainSink.HandOff}): it
 * need not wait for the rest of that turn while another thread is free. A thread runs at most
 * {@value #SLOT_RUNS} slot turns in a row while the run queue has work, so chatty pairs
 * cannot starve other actors.
 *
 * <p>Blocked threads: a slot belongs to its thread, but another thread may take (steal) a
 * cell from it with a CAS, as the owner does. A watch thread looks every
 * {@value #WATCH_MILLIS} ms for a thread that has been in the same turn since the last look
 * with a cell waiting in its slot, and wakes a parked thread, which steals it. So an actor
 * that blocks its thread delays what it scheduled itself by at most that long.
 *
 * <p>Idling: a thread with nothing to do spins for {@code spinNanos}, then parks; when it
 * wakes with the run queue still empty it looks for a cell to steal. While spinning it
 * watches the head slot of the run queue ({@link RunQueue#hasWork}), never the producers'
 * counter, so it does not slow the senders down. A submitter wakes a parked thread only
 * when no thread is spinning; a thread that finds work while more is queued wakes another.
 * The park/wake handshake ({@link IdleThreads}) is the Dekker pattern on the parked flags
 * and count against the queue, so no wake-up is lost.
 */
final class AffinityDispatcher implements Dispatcher, CellDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(AffinityDispatcher.class);
    private static final int SLOT_RUNS = 16;
    static final int WATCH_MILLIS = 10;
    private static final VarHandle PROCESSED;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            PROCESSED = l.findVarHandle(Worker.class, "processed", long.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final RunQueue queue = new RunQueue();
    private final Worker[] workers;
    private final IdleThreads idle;
    private final long spinNanos;
    private final CountDownLatch exited;
    private final Thread watch;
    private volatile boolean shutdown;

    AffinityDispatcher(DispatcherSettings settings) {
        this.spinNanos = TimeUnit.MICROSECONDS.toNanos(settings.spinMicros());
        int threads = settings.threads();
        this.workers = new Worker[threads];
        this.exited = new CountDownLatch(threads);
        String prefix = "hyphae-" + settings.systemName() + "-dispatcher-";
        IdleThreads.Sleeper[] sleepers = new IdleThreads.Sleeper[threads];
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(this, prefix + i);
            sleepers[i] = workers[i].sleeper;
        }
        this.idle = new IdleThreads(sleepers);
        for (Worker w : workers) {
            w.start();
        }
        if (threads > 1) {
            watch = new Thread(this::watchSlots, "hyphae-" + settings.systemName() + "-slot-watch");
            watch.setDaemon(true);
            watch.start();
        } else {
            watch = null;
        }
    }

    @Override
    public int threads() {
        return workers.length;
    }

    // ------------------------------------------------------------------ scheduling

    @Override
    public void dispatch(CellCore<?> cell, boolean fair) {
        if (fair) {
            executeFair(cell);
        } else {
            execute(cell);
        }
    }

    /** Schedules a cell whose state just moved to scheduled; the caller owns that transition. */
    private void execute(CellCore<?> cell) {
        if (Thread.currentThread() instanceof Worker w && w.dispatcher == this) {
            CellCore<?> displaced = w.slot.put(cell);
            if (displaced != null) {
                submit(displaced);
            }
            return;
        }
        submit(cell);
    }

    /**
     * Schedules a cell that used up its throughput behind everything already queued; when
     * nothing else waits, it simply keeps its warm thread.
     */
    private void executeFair(CellCore<?> cell) {
        if (Thread.currentThread() instanceof Worker w && w.dispatcher == this
                && !queue.hasWork() && w.slot.putIfEmpty(cell)) {
            return;
        }
        submit(cell);
    }

    @Override
    public void execute(Runnable turn) {
        submit(turn);
    }

    private void submit(Object task) {
        if (shutdown) {
            // Only stopped actors remain after shutdown: run the turn that dead-letters
            // a late message right here.
            runInline(task);
            return;
        }
        queue.offer(task);
        if (shutdown) {
            // Raced with shutdown: the threads may be gone, so drain what is queued here.
            Object t;
            while ((t = queue.poll()) != null) {
                runInline(t);
            }
            return;
        }
        idle.wakeIfNeeded();
    }

    private static void runInline(Object task) {
        if (task instanceof CellCore<?> c) {
            c.run(new DrainSink());
        } else {
            ((Runnable) task).run();
        }
    }

    /** Takes a cell from another thread's slot; null if none. */
    private CellCore<?> steal(Worker thief) {
        for (Worker w : workers) {
            if (w != thief) {
                CellCore<?> c = w.slot.take();
                if (c != null) {
                    return c;
                }
            }
        }
        return null;
    }

    /** The watch thread: wakes a thread to steal from one that is stuck in a turn. */
    private void watchSlots() {
        long[] seen = new long[workers.length];
        while (!shutdown) {
            LockSupport.parkNanos(this, TimeUnit.MILLISECONDS.toNanos(WATCH_MILLIS));
            for (int i = 0; i < workers.length; i++) {
                Worker w = workers[i];
                long turns = w.turns;
                if (turns == seen[i] && w.slot.isFull()) {
                    idle.wakeOne();
                }
                seen[i] = turns;
            }
        }
    }

    // ------------------------------------------------------------------ metrics and shutdown

    @Override
    public long processed() {
        long sum = 0;
        for (Worker w : workers) {
            sum += (long) PROCESSED.getOpaque(w);
        }
        return sum;
    }

    @Override
    public void shutdown() {
        shutdown = true;
        idle.wakeAll();
        if (watch != null) {
            LockSupport.unpark(watch);
        }
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return exited.await(Durations.nanos(timeout), TimeUnit.NANOSECONDS);
    }

    private static final class Worker extends Thread implements DrainSink.HandOff {
        final AffinityDispatcher dispatcher;
        final HandOffSlot<CellCore<?>> slot = new HandOffSlot<>();
        final DrainSink sink = new DrainSink(this);
        /** What ends the idle spin. */
        private final BooleanSupplier workOrShutdown;
        /** What keeps the thread from parking after it announced it would. */
        private final BooleanSupplier queuedOrShutdown;
        final IdleThreads.Sleeper sleeper = new IdleThreads.Sleeper(this);
        @SuppressWarnings("unused") // accessed through PROCESSED
        private long processed;
        /** Turns started; read by the watch thread. */
        volatile long turns;

        Worker(AffinityDispatcher dispatcher, String name) {
            super(name);
            this.dispatcher = dispatcher;
            this.workOrShutdown = () -> dispatcher.queue.hasWork() || dispatcher.shutdown;
            // isEmpty, not hasWork: it reads the counter the offer's claim CAS wrote, and
            // that CAS is the submitter's fence before it looks for parked threads. The
            // slot hasWork reads is written after it, by a store that may still be on its way.
            this.queuedOrShutdown = () -> !dispatcher.queue.isEmpty() || dispatcher.shutdown;
            setDaemon(true);
        }

        @Override
        public void run() {
            try {
                loop();
            } catch (Throwable t) {
                LOG.error("dispatcher thread {} failed", getName(), t);
            } finally {
                dispatcher.exited.countDown();
            }
        }

        /**
         * A turn goes on after scheduling the cell in the slot: the cell goes to the run
         * queue, where a spinning thread takes it now rather than after the turn. Without
         * this a chain of actors (a ring, a pipeline) runs on one thread at a time.
         */
        @Override
        public void spill() {
            CellCore<?> c = slot.take();
            if (c != null) {
                dispatcher.submit(c);
            }
        }

        private void runTurn(Object task) {
            TURNS.setOpaque(this, turns + 1);
            if (task instanceof CellCore<?> c) {
                int n = c.run(sink);
                if (n > 0) {
                    PROCESSED.setOpaque(this, processed + n);
                }
            } else {
                try {
                    ((Runnable) task).run();
                } catch (RuntimeException | Error e) {
                    LOG.error("task on dispatcher thread {} failed", getName(), e);
                }
            }
        }

        private void loop() {
            AffinityDispatcher d = dispatcher;
            int slotRuns = 0;
            for (;;) {
                CellCore<?> cell = slot.take();
                if (cell != null) {
                    if (slotRuns < SLOT_RUNS || !d.queue.hasWork()) {
                        slotRuns++;
                        runTurn(cell);
                        continue;
                    }
                    d.queue.offer(cell);
                }
                slotRuns = 0;
                Object task = d.queue.poll();
                if (task != null) {
                    if (d.queue.hasWork()) {
                        d.idle.wakeIfNeeded();
                    }
                    runTurn(task);
                    continue;
                }
                if (!idle(d)) {
                    return;
                }
                // Only after waiting: looking into other threads' slots reads lines they
                // write on every turn, too costly on every empty poll.
                if (!d.queue.hasWork()) {
                    cell = d.steal(this);
                    if (cell != null) {
                        runTurn(cell);
                    }
                }
            }
        }

        /** Waits for work; false once shut down with nothing left to run. */
        private boolean idle(AffinityDispatcher d) {
            if (d.spinNanos > 0) {
                d.idle.spinUntil(workOrShutdown, d.spinNanos);
                if (d.queue.hasWork()) {
                    return true;
                }
            }
            if (d.shutdown) {
                return !d.queue.isEmpty() || slot.isFull();
            }
            if (d.idle.mustPark(sleeper, queuedOrShutdown)) {
                d.idle.park(sleeper, d);
            }
            return true;
        }

        private static final VarHandle TURNS;

        static {
            try {
                TURNS = MethodHandles.lookup().findVarHandle(Worker.class, "turns", long.class);
            } catch (ReflectiveOperationException e) {
                throw new ExceptionInInitializerError(e);
            }
        }
    }
}
