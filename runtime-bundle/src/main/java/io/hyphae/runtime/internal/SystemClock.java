package io.hyphae.runtime.internal;

import io.hyphae.api.time.ActorClock;
import io.hyphae.api.time.Cancellable;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A system's clock: the JDK's time and one timer thread, or a clock the system was given.
 * Either way the system can {@link #shutdown()} what it scheduled when it terminates; after
 * that new tasks are refused with {@link RejectedExecutionException}.
 */
abstract class SystemClock implements ActorClock {

    /** The JDK clock with a timer thread named after the system. */
    static SystemClock jdk(String systemName) {
        return new Jdk(systemName);
    }

    /** A clock given from outside; the system cancels its own tasks on it at shutdown. */
    static SystemClock wrapping(ActorClock clock) {
        return new Tracked(Objects.requireNonNull(clock, "clock"));
    }

    /** Cancels what this system scheduled and refuses new tasks. */
    abstract void shutdown();

    /** Tasks scheduled and neither run (if one-shot) nor cancelled. */
    abstract int pendingTasks();

    /** Waits (bounded) for a running task to finish after {@link #shutdown()}. */
    abstract void awaitShutdown(long timeout, TimeUnit unit) throws InterruptedException;

    static void checkDelays(long delayNanos, long periodNanos) {
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must not be negative, was " + delayNanos + " ns");
        }
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive, was " + periodNanos + " ns");
        }
    }

    private static final class Jdk extends SystemClock {
        private final ScheduledThreadPoolExecutor timer;

        Jdk(String systemName) {
            timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "hyphae-" + systemName + "-timer");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
            timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
            timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        }

        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }

        @Override
        public Cancellable schedule(Runnable task, long delayNanos) {
            checkDelays(delayNanos, 1);
            return cancellable(timer.schedule(task, delayNanos, TimeUnit.NANOSECONDS));
        }

        @Override
        public Cancellable scheduleAtFixedRate(Runnable task, long initialDelayNanos, long periodNanos) {
            checkDelays(initialDelayNanos, periodNanos);
            return cancellable(timer.scheduleAtFixedRate(task, initialDelayNanos, periodNanos, TimeUnit.NANOSECONDS));
        }

        private static Cancellable cancellable(ScheduledFuture<?> f) {
            return () -> f.cancel(false);
        }

        @Override
        int pendingTasks() {
            return timer.getQueue().size();
        }

        @Override
        void shutdown() {
            timer.shutdownNow();
        }

        @Override
        void awaitShutdown(long timeout, TimeUnit unit) throws InterruptedException {
            timer.awaitTermination(timeout, unit);
        }
    }

    /** Keeps the tasks it handed to the outer clock until they are done, to cancel them at shutdown. */
    private static final class Tracked extends SystemClock {
        private final ActorClock clock;
        private final Set<Task> open = ConcurrentHashMap.newKeySet();
        private volatile boolean shut;

        Tracked(ActorClock clock) {
            this.clock = clock;
        }

        @Override
        public long nanoTime() {
            return clock.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return clock.currentTimeMillis();
        }

        @Override
        public Cancellable schedule(Runnable task, long delayNanos) {
            checkDelays(delayNanos, 1);
            Task t = register(task, false);
            t.inner = clock.schedule(t, delayNanos);
            return t;
        }

        @Override
        public Cancellable scheduleAtFixedRate(Runnable task, long initialDelayNanos, long periodNanos) {
            checkDelays(initialDelayNanos, periodNanos);
            Task t = register(task, true);
            t.inner = clock.scheduleAtFixedRate(t, initialDelayNanos, periodNanos);
            return t;
        }

        private Task register(Runnable task, boolean periodic) {
            Task t = new Task(Objects.requireNonNull(task, "task"), periodic);
            open.add(t);
            if (shut) {
                open.remove(t);
                throw new RejectedExecutionException("the actor system has terminated; its clock runs no more tasks");
            }
            return t;
        }

        @Override
        int pendingTasks() {
            return open.size();
        }

        @Override
        void shutdown() {
            shut = true;
            for (Task t : open) {
                t.cancel();
            }
        }

        @Override
        void awaitShutdown(long timeout, TimeUnit unit) {
            // the outer clock's tasks run on its caller's thread; nothing of ours is left running
        }

        private final class Task implements Runnable, Cancellable {
            private final Runnable task;
            private final boolean periodic;
            volatile Cancellable inner;
            private volatile boolean cancelled;

            Task(Runnable task, boolean periodic) {
                this.task = task;
                this.periodic = periodic;
            }

            @Override
            public void run() {
                if (cancelled) {
                    return;
                }
                if (!periodic) {
                    open.remove(this);
                }
                task.run();
            }

            @Override
            public boolean cancel() {
                if (cancelled) {
                    return false;
                }
                cancelled = true;
                open.remove(this);
                Cancellable c = inner;
                return c == null || c.cancel();
            }
        }
    }
}
