package io.hyphae.runtime.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * The idle side of a dispatcher's threads: how many spin, which are parked, and the
 * handshake that keeps a submission from waiting while every thread sleeps.
 *
 * <p>A submitter first makes its work visible (an atomic on the queue), then calls
 * {@link #wakeIfNeeded}, which wakes a parked thread only when none spins. A thread going
 * idle counts itself as spinning while it spins ({@link #spinUntil}), and before it parks
 * announces itself ({@link #mustPark}: its flag, then the parked count, both full fences)
 * and looks for work once more. It is the Dekker pattern: either the thread's last look
 * sees the work, or the submitter sees the thread parked (or still spinning) and wakes it
 * (or leaves the work to it). A woken thread's flag is cleared by the CAS of whoever woke
 * it, so each park is ended exactly once and the parked count stays exact. jcstress
 * ({@code IdleThreadsStress}) checks the handshake against the real run queue.
 */
final class IdleThreads {

    private static final VarHandle PARKED;

    static {
        try {
            PARKED = MethodHandles.lookup().findVarHandle(Sleeper.class, "parked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** One thread's parking state. */
    static final class Sleeper {
        final Thread thread;
        volatile boolean parked;

        Sleeper(Thread thread) {
            this.thread = thread;
        }
    }

    private final Sleeper[] sleepers;
    private final AtomicInteger spinning = new AtomicInteger();
    private final AtomicInteger parkedCount = new AtomicInteger();

    IdleThreads(Sleeper[] sleepers) {
        this.sleepers = sleepers.clone();
    }

    /**
     * Spins, counted as spinning, until {@code done} says so or {@code spinNanos} have passed.
     *
     * @return what {@code done} said last
     */
    boolean spinUntil(BooleanSupplier done, long spinNanos) {
        spinning.incrementAndGet();
        try {
            return Backoff.spinUntil(done, spinNanos);
        } finally {
            spinning.decrementAndGet();
        }
    }

    /**
     * The parking handshake: announces {@code s} as parked, then asks {@code workOrShutdown}
     * once more. If that finds something, the announcement is withdrawn (unless a submitter
     * has already woken {@code s}) and the thread must not park.
     *
     * @return true if the thread must now {@link #park}
     */
    boolean mustPark(Sleeper s, BooleanSupplier workOrShutdown) {
        s.parked = true;
        parkedCount.incrementAndGet();
        if (workOrShutdown.getAsBoolean()) {
            clear(s);
            return false;
        }
        return true;
    }

    /** Parks the calling thread, {@code s}'s, until someone clears its flag. */
    void park(Sleeper s, Object blocker) {
        while (s.parked) {
            LockSupport.park(blocker);
        }
    }

    /** After a submission: wakes a parked thread if none is spinning. */
    void wakeIfNeeded() {
        if (spinning.get() == 0 && parkedCount.get() > 0) {
            wakeOne();
        }
    }

    /** Wakes one parked thread, if any. */
    void wakeOne() {
        for (Sleeper s : sleepers) {
            if (s.parked && clear(s)) {
                LockSupport.unpark(s.thread);
                return;
            }
        }
    }

    /** Wakes every parked thread (shutdown). */
    void wakeAll() {
        for (Sleeper s : sleepers) {
            clear(s);
            LockSupport.unpark(s.thread);
        }
    }

    /**
     * Withdraws {@code s}'s announcement, if it stands; the caller then unparks its thread
     * unless it is that thread.
     *
     * @return false if it was not announced, or another thread withdrew it first
     */
    private boolean clear(Sleeper s) {
        if (PARKED.compareAndSet(s, true, false)) {
            parkedCount.decrementAndGet();
            return true;
        }
        return false;
    }

    /** Threads parked now; a snapshot. */
    int parked() {
        return parkedCount.get();
    }
}
