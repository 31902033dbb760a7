package io.hyphae.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs actor turns on a fixed set of threads.
 *
 * <p>Scheduling: an actor that becomes runnable on a dispatcher thread goes into that
 * thread's one-element "next" slot and runs right after the current turn, so two actors
 * talking to each other stay on one warm thread without waking another (the LIFO slot of
 * Go's and Tokio's schedulers). A displaced occupant goes to the shared FIFO queue. A
 * thread runs at most {@value #SLOT_RUNS} slot turns in a row while the shared queue has
 * work, so chatty pairs cannot starve other actors.
 *
 * <p>Idling: a thread with nothing to do spins for {@code spinNanos}, then parks. A
 * submitter wakes a parked thread only when no thread is spinning; a thread that finds
 * work while more is queued wakes another. The park/wake handshake is the Dekker pattern
 * on volatile fields ({@code parked} and {@code parkedCount} against the queue), so no
 * wake-up is lost.
 */
final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    private static final int SLOT_RUNS = 16;
    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(Worker.class, "parked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final ConcurrentLinkedQueue<CellCore<?>> queue = new ConcurrentLinkedQueue<>();
    private final Worker[] workers;
    private final AtomicInteger spinning = new AtomicInteger();
    private final AtomicInteger parkedCount = new AtomicInteger();
    private final long spinNanos;
    private final CountDownLatch exited;
    private volatile boolean shutdown;

    Dispatcher(String systemName, int threads, long spinNanos, Runnable onLastExit) {
        this.spinNanos = spinNanos;
        this.workers = new Worker[threads];
        this.exited = new CountDownLatch(threads);
        AtomicInteger alive = new AtomicInteger(threads);
        for (int i = 0; i < threads; i++) {
            workers[i] = new Worker(this, "hyphae-" + systemName + "-dispatcher-" + i, alive, onLastExit);
        }
        for (Worker w : workers) {
            w.start();
        }
    }

    int threads() {
        return workers.length;
    }

    /** Schedules a cell whose state just moved to scheduled; the caller owns that transition. */
    void execute(CellCore<?> cell) {
        if (Thread.currentThread() instanceof Worker w && w.dispatcher == this) {
            CellCore<?> previous = w.next;
            w.next = cell;
            if (previous == null) {
                return;
            }
            cell = previous;
        } else if (shutdown) {
            // Only stopped actors remain after shutdown: run the turn that dead-letters
            // a late message right here.
            cell.run();
            return;
        }
        queue.offer(cell);
        if (shutdown) {
            // Raced with shutdown: the threads may be gone, so drain what is queued here.
            CellCore<?> c;
            while ((c = queue.poll()) != null) {
                c.run();
            }
            return;
        }
        wakeIfNeeded();
    }

    /**
     * Schedules a cell that used up its throughput behind everything already queued; when
     * nothing else waits, it simply keeps its warm thread.
     */
    void executeFair(CellCore<?> cell) {
        if (Thread.currentThread() instanceof Worker w && w.dispatcher == this) {
            if (w.next == null && queue.isEmpty()) {
                w.next = cell;
                return;
            }
        } else if (shutdown) {
            cell.run();
            return;
        }
        queue.offer(cell);
        wakeIfNeeded();
    }

    private void wakeIfNeeded() {
        if (spinning.get() == 0 && parkedCount.get() > 0) {
            for (Worker w : workers) {
                if (w.parked && PARKED.compareAndSet(w, true, false)) {
                    parkedCount.decrementAndGet();
                    LockSupport.unpark(w);
                    return;
                }
            }
        }
    }

    long processed() {
        long sum = 0;
        for (Worker w : workers) {
            sum += w.processed;
        }
        return sum;
    }

    /** Lets the threads finish queued turns and exit. */
    void shutdown() {
        shutdown = true;
        for (Worker w : workers) {
            if (PARKED.compareAndSet(w, true, false)) {
                parkedCount.decrementAndGet();
            }
            LockSupport.unpark(w);
        }
    }

    boolean awaitExit(long timeout, TimeUnit unit) throws InterruptedException {
        return exited.await(timeout, unit);
    }

    /** The calling dispatcher thread's sink, or a fresh one on any other thread. */
    DrainSink sink() {
        return Thread.currentThread() instanceof Worker w && w.dispatcher == this ? w.sink : new DrainSink();
    }

    boolean isDispatcherThread() {
        return Thread.currentThread() instanceof Worker w && w.dispatcher == this;
    }

    private static final class Worker extends Thread {
        final Dispatcher dispatcher;
        private final AtomicInteger alive;
        private final Runnable onLastExit;
        CellCore<?> next;
        final DrainSink sink = new DrainSink();
        /** What ends the idle spin. */
        private final BooleanSupplier workOrShutdown;
        volatile boolean parked;
        volatile long processed;

        Worker(Dispatcher dispatcher, String name, AtomicInteger alive, Runnable onLastExit) {
            super(name);
            this.dispatcher = dispatcher;
            this.alive = alive;
            this.onLastExit = onLastExit;
            this.workOrShutdown = () -> !dispatcher.queue.isEmpty() || dispatcher.shutdown;
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
                if (alive.decrementAndGet() == 0) {
                    onLastExit.run();
                }
            }
        }

        private void loop() {
            Dispatcher d = dispatcher;
            int slotRuns = 0;
            long count = 0;
            for (;;) {
                CellCore<?> cell = next;
                if (cell != null) {
                    next = null;
                    if (slotRuns < SLOT_RUNS || d.queue.isEmpty()) {
                        slotRuns++;
                        count += cell.run();
                        processed = count;
                        continue;
                    }
                    d.queue.offer(cell);
                }
                slotRuns = 0;
                cell = d.queue.poll();
                if (cell != null) {
                    if (!d.queue.isEmpty()) {
                        d.wakeIfNeeded();
                    }
                    count += cell.run();
                    processed = count;
                    continue;
                }
                if (!idle(d)) {
                    return;
                }
            }
        }

        /** Waits for work; false once shut down with nothing left to run. */
        private boolean idle(Dispatcher d) {
            if (d.spinNanos > 0) {
                d.spinning.incrementAndGet();
                Backoff.spinUntil(workOrShutdown, d.spinNanos);
                d.spinning.decrementAndGet();
                if (!d.queue.isEmpty()) {
                    return true;
                }
            }
            if (d.shutdown) {
                return !d.queue.isEmpty();
            }
            parked = true;
            d.parkedCount.incrementAndGet();
            if (!d.queue.isEmpty() || d.shutdown) {
                if (PARKED.compareAndSet(this, true, false)) {
                    d.parkedCount.decrementAndGet();
                }
                return true;
            }
            while (parked) {
                LockSupport.park(d);
            }
            return true;
        }
    }
}
