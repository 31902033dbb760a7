package io.hyphae.runtime.internal;

import io.hyphae.api.dispatch.Dispatcher;
import io.hyphae.api.dispatch.DispatcherFactory;
import io.hyphae.api.dispatch.DispatcherSettings;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** The dispatcher factories the runtime always has. */
final class BuiltinDispatchers {

    static final String AFFINITY = "affinity";
    static final String WORK_STEALING = "work-stealing";
    /**
     * The dispatcher actors run on unless configured or pinned otherwise: its idle threads
     * spin before they park, which keeps a request from outside the system (an ask from a
     * plain thread) at about 3 µs, where a ForkJoinPool's parked threads take 10 to 40 µs.
     */
    static final String DEFAULT = AFFINITY;
    static final String BLOCKING = "blocking";
    static final String VIRTUAL = "virtual";

    /** Threads of the {@code blocking} pool per dispatcher thread setting, and its floor. */
    static final int BLOCKING_THREADS_PER_CORE = 8;
    static final int BLOCKING_THREADS_MIN = 16;

    private BuiltinDispatchers() {
    }

    /** Every built-in factory; {@code virtual} only on a JDK with virtual threads. */
    static List<DispatcherFactory> all() {
        List<DispatcherFactory> list = new ArrayList<>(List.of(new Affinity(), new Stealing(), new Blocking()));
        MethodHandle virtual = virtualExecutorFactory();
        if (virtual != null) {
            list.add(new Virtual(virtual));
        }
        return list;
    }

    private static final class Affinity implements DispatcherFactory {
        @Override
        public String name() {
            return AFFINITY;
        }

        @Override
        public String description() {
            return "fixed threads, one shared run queue, a hand-off slot per thread";
        }

        @Override
        public Dispatcher create(DispatcherSettings settings) {
            return new AffinityDispatcher(settings);
        }
    }

    private static final class Stealing implements DispatcherFactory {
        @Override
        public String name() {
            return WORK_STEALING;
        }

        @Override
        public String description() {
            return "ForkJoinPool: a deque and a hand-off slot per thread, idle threads steal";
        }

        @Override
        public Dispatcher create(DispatcherSettings settings) {
            return new StealingDispatcher(settings, "stealing", true);
        }
    }

    private static final class Blocking implements DispatcherFactory {
        @Override
        public String name() {
            return BLOCKING;
        }

        @Override
        public String description() {
            return "bounded pool of its own for actors that block (JDBC, files)";
        }

        @Override
        public Dispatcher create(DispatcherSettings settings) {
            int threads = Math.max(BLOCKING_THREADS_MIN, settings.threads() * BLOCKING_THREADS_PER_CORE);
            AtomicInteger n = new AtomicInteger();
            String prefix = "hyphae-" + settings.systemName() + "-blocking-";
            ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 60, TimeUnit.SECONDS,
                    new LinkedBlockingQueue<>(), r -> {
                        Thread t = new Thread(r, prefix + n.getAndIncrement());
                        t.setDaemon(true);
                        return t;
                    });
            pool.allowCoreThreadTimeOut(true);
            return new ExecutorDispatcher(pool, threads);
        }
    }

    private static final class Virtual implements DispatcherFactory {
        private final MethodHandle newExecutor;

        Virtual(MethodHandle newExecutor) {
            this.newExecutor = newExecutor;
        }

        @Override
        public String name() {
            return VIRTUAL;
        }

        @Override
        public String description() {
            return "a virtual thread per turn, for actors that block (JDK 21 and later)";
        }

        @Override
        public Dispatcher create(DispatcherSettings settings) {
            try {
                return new FifoExecutorDispatcher((ExecutorService) newExecutor.invoke(), -1);
            } catch (Throwable e) {
                throw new IllegalStateException("cannot start virtual threads", e);
            }
        }
    }

    /**
     * {@code Executors.newVirtualThreadPerTaskExecutor()} when the running JDK has it; the
     * build targets release 17, so it is looked up rather than called.
     */
    private static MethodHandle virtualExecutorFactory() {
        try {
            return MethodHandles.publicLookup().findStatic(Executors.class,
                    "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class));
        } catch (NoSuchMethodException | IllegalAccessException e) {
            return null;
        }
    }

    /**
     * A dispatcher on an executor whose own order cannot be trusted to be fair: the virtual
     * thread scheduler, a ForkJoinPool, runs what its carriers start before what comes
     * from outside, so busy actors starved a message from a plain thread. Turns wait in a
     * FIFO queue here, and each thread started runs the oldest waiting turn, whichever it is.
     */
    static final class FifoExecutorDispatcher implements Dispatcher {
        private final ExecutorDispatcher inner;
        private final ConcurrentLinkedQueue<Runnable> waiting = new ConcurrentLinkedQueue<>();
        private final Runnable runOldest = () -> {
            Runnable t = waiting.poll();
            if (t != null) {
                t.run();
            }
        };

        FifoExecutorDispatcher(ExecutorService executor, int threads) {
            this.inner = new ExecutorDispatcher(executor, threads);
        }

        @Override
        public void execute(Runnable turn) {
            waiting.offer(turn);
            inner.execute(runOldest);
        }

        @Override
        public int threads() {
            return inner.threads();
        }

        @Override
        public void shutdown() {
            inner.shutdown();
        }

        @Override
        public boolean awaitTermination(Duration timeout) throws InterruptedException {
            return inner.awaitTermination(timeout);
        }
    }

    /** A dispatcher on an executor service; turns handed over after shutdown run inline. */
    static final class ExecutorDispatcher implements Dispatcher {
        private final ExecutorService executor;
        private final int threads;

        ExecutorDispatcher(ExecutorService executor, int threads) {
            this.executor = executor;
            this.threads = threads;
        }

        @Override
        public void execute(Runnable turn) {
            try {
                executor.execute(turn);
            } catch (RejectedExecutionException e) {
                turn.run();
            }
        }

        @Override
        public int threads() {
            return threads;
        }

        @Override
        public void shutdown() {
            executor.shutdown();
        }

        @Override
        public boolean awaitTermination(Duration timeout) throws InterruptedException {
            return executor.awaitTermination(Durations.nanos(timeout), TimeUnit.NANOSECONDS);
        }
    }
}
