package io.hyphae.testkit;

import io.hyphae.api.time.ActorClock;
import io.hyphae.api.time.Cancellable;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.PriorityQueue;

/**
 * A clock that moves only when a test calls {@link #advance(Duration)}. Give it to a system
 * ({@code ActorSystem.builder().clock(clock)}, or {@link ActorTestKit.Builder#manualClock()})
 * and every timer, ask timeout, supervisor intensity window, backoff and shutdown timeout of
 * that system follows it, with no sleep in the test.
 *
 * <p>{@code advance} runs each task that falls due, in order of due time (tasks due at the
 * same instant in the order they were scheduled), on the calling thread, with the clock
 * reading that task's due time while it runs. A periodic task runs once per period passed.
 * Running a timer task puts the timer's message in the actor's mailbox; the actor handles it
 * on its dispatcher afterwards, so a test waits for the effect with a probe. A task scheduled
 * while {@code advance} runs, from any thread, counts its delay from the reading at that
 * moment; if it falls due within the same advance it runs in it.
 *
 * <p>Safe to use from any thread. Not shared between systems: give each system its own.
 */
public final class ManualClock implements ActorClock {

    private final long epochMillisAtZero;
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long now;
    private long sequence;

    /** A clock reading 0 ns, whose wall time starts at the moment it is created. */
    public ManualClock() {
        this(Instant.now());
    }

    /**
     * A clock reading 0 ns, whose wall time starts at {@code start}.
     *
     * @param start the wall time at creation
     */
    public ManualClock(Instant start) {
        this.epochMillisAtZero = Objects.requireNonNull(start, "start").toEpochMilli();
    }

    @Override
    public synchronized long nanoTime() {
        return now;
    }

    @Override
    public synchronized long currentTimeMillis() {
        return epochMillisAtZero + now / 1_000_000L;
    }

    /**
     * The wall time the clock reads.
     *
     * @return the current instant of this clock
     */
    public synchronized Instant instant() {
        return Instant.ofEpochMilli(epochMillisAtZero).plusNanos(now);
    }

    /**
     * Time advanced since the clock was made.
     *
     * @return the elapsed virtual time
     */
    public synchronized Duration elapsed() {
        return Duration.ofNanos(now);
    }

    @Override
    public synchronized Cancellable schedule(Runnable task, long delayNanos) {
        return add(task, delayNanos, 0);
    }

    @Override
    public synchronized Cancellable scheduleAtFixedRate(Runnable task, long initialDelayNanos, long periodNanos) {
        if (periodNanos <= 0) {
            throw new IllegalArgumentException("period must be positive, was " + periodNanos + " ns");
        }
        return add(task, initialDelayNanos, periodNanos);
    }

    private Task add(Runnable task, long delayNanos, long periodNanos) {
        Objects.requireNonNull(task, "task");
        if (delayNanos < 0) {
            throw new IllegalArgumentException("delay must not be negative, was " + delayNanos + " ns");
        }
        Task t = new Task(task, saturatedAdd(now, delayNanos), periodNanos, sequence++);
        queue.add(t);
        return t;
    }

    /**
     * Moves time forward by {@code by}, running every task that falls due on the way.
     *
     * @param by how far; zero runs what is due now
     * @throws IllegalArgumentException if {@code by} is negative: this clock never goes back
     * @throws NullPointerException if {@code by} is null
     */
    public void advance(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("a manual clock only moves forward; cannot advance by " + by);
        }
        long target;
        synchronized (this) {
            target = saturatedAdd(now, saturatedNanos(by));
        }
        while (true) {
            Task due;
            synchronized (this) {
                due = queue.peek();
                while (due != null && due.isCancelled()) {
                    queue.poll();
                    due = queue.peek();
                }
                if (due == null || due.dueAt > target) {
                    now = Math.max(now, target);
                    return;
                }
                queue.poll();
                now = Math.max(now, due.dueAt);
                if (due.period == 0) {
                    due.cancel(); // ran: a later cancel finds nothing to cancel
                }
            }
            try {
                due.task.run();
            } finally {
                synchronized (this) {
                    if (due.period > 0 && !due.isCancelled()) {
                        queue.add(new Task(due, saturatedAdd(due.dueAt, due.period), sequence++));
                    }
                }
            }
        }
    }

    /**
     * Tasks waiting to fall due.
     *
     * @return how many are scheduled and not cancelled
     */
    public synchronized int pendingTasks() {
        int n = 0;
        for (Task t : queue) {
            if (!t.isCancelled()) {
                n++;
            }
        }
        return n;
    }

    /**
     * How long until the next task falls due.
     *
     * @return the delay, or empty if nothing is scheduled
     */
    public synchronized Optional<Duration> nextDue() {
        long next = Long.MAX_VALUE;
        boolean any = false;
        for (Task t : queue) {
            if (!t.isCancelled()) {
                next = Math.min(next, t.dueAt);
                any = true;
            }
        }
        return any ? Optional.of(Duration.ofNanos(next - now)) : Optional.empty();
    }

    @Override
    public synchronized String toString() {
        return "ManualClock[" + Duration.ofNanos(now) + ", " + pendingTasks() + " pending]";
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException e) {
            return Long.MAX_VALUE;
        }
    }

    private static long saturatedAdd(long a, long b) {
        long r = a + b;
        return ((a ^ r) & (b ^ r)) < 0 ? Long.MAX_VALUE : r;
    }

    /** One scheduled run; a periodic task's next run is a new entry sharing its cancel flag. */
    private static final class Task implements Comparable<Task>, Cancellable {
        final Runnable task;
        final long dueAt;
        final long period;
        final long seq;
        private final Task first;
        private volatile boolean cancelled0;

        Task(Runnable task, long dueAt, long period, long seq) {
            this.task = task;
            this.dueAt = dueAt;
            this.period = period;
            this.seq = seq;
            this.first = this;
        }

        Task(Task previous, long dueAt, long seq) {
            this.task = previous.task;
            this.dueAt = dueAt;
            this.period = previous.period;
            this.seq = seq;
            this.first = previous.first;
        }

        boolean isCancelled() {
            return first.cancelled0;
        }

        @Override
        public boolean cancel() {
            if (first.cancelled0) {
                return false;
            }
            first.cancelled0 = true;
            return true;
        }

        @Override
        public int compareTo(Task o) {
            int c = Long.compare(dueAt, o.dueAt);
            return c != 0 ? c : Long.compare(seq, o.seq);
        }
    }
}
