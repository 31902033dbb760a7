package io.hyphae.runtime.internal;

import io.hyphae.api.ActorRef;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.Subscription;
import io.hyphae.api.time.ActorClock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A system's dead letters: counted, the last {@value #RECENT} kept for the shell, the first
 * {@value #LOGGED_AT_INFO} logged at INFO (then DEBUG), and offered to the subscribers.
 * A letter whose message is itself a dead letter is never offered again: it would bounce
 * between subscribers without end.
 */
final class DeadLetters {

    private static final Logger LOG = LoggerFactory.getLogger(HyphaeActorSystem.class);
    static final int LOGGED_AT_INFO = 10;
    static final int RECENT = 32;
    /** Once letters are no longer logged one by one, a summary is logged at most this often. */
    static final long SUMMARY_SECONDS = 60;

    private final ActorClock clock;
    private final LongAdder count = new LongAdder();
    private final CopyOnWriteArrayList<CellInbox<?>> subscribers = new CopyOnWriteArrayList<>();
    /** The last dead letters; written on the dead-letter path only. */
    private final AtomicReferenceArray<RuntimeAdmin.RecentDeadLetter> recent = new AtomicReferenceArray<>(RECENT);
    private final AtomicLong recentCount = new AtomicLong();
    private final LongAdder[] byReason = new LongAdder[DeadLetter.Reason.values().length];
    /** Counts by reason at the last summary; read and written by the summary task only. */
    private final long[] summarized = new long[DeadLetter.Reason.values().length];
    /** Whether a summary is scheduled: armed by the first letter after the last one. */
    private final AtomicBoolean summaryArmed = new AtomicBoolean();

    DeadLetters(ActorClock clock) {
        this.clock = clock;
        for (int i = 0; i < byReason.length; i++) {
            byReason[i] = new LongAdder();
        }
    }

    /** Records a message that could not be delivered and offers it to the subscribers. */
    void post(Object message, ActorRef<?> recipient, DeadLetter.Reason reason) {
        count.increment();
        byReason[reason.ordinal()].increment();
        DeadLetter letter = new DeadLetter(message, recipient, reason);
        recent.set((int) (recentCount.getAndIncrement() % RECENT),
                new RuntimeAdmin.RecentDeadLetter(clock.currentTimeMillis(), letter));
        if (reason == DeadLetter.Reason.NO_SUBSCRIBER) {
            // Unrouted publishes can be the normal case for a topic: count, never log each.
            if (LOG.isTraceEnabled()) {
                LOG.trace("dead letter {} to {}: {}", reason, recipient.path(), message);
            }
        } else {
            log(message, recipient, reason);
        }
        if (count.sum() > LOGGED_AT_INFO && !summaryArmed.get() && summaryArmed.compareAndSet(false, true)) {
            try {
                clock.schedule(this::summarize, TimeUnit.SECONDS.toNanos(SUMMARY_SECONDS));
            } catch (RejectedExecutionException e) {
                // the system is terminating: no more summaries
            }
        }
        if (!subscribers.isEmpty() && !(message instanceof DeadLetter)) {
            for (CellInbox<?> s : subscribers) {
                if (s != recipient && !s.offerDeadLetter(letter) && LOG.isDebugEnabled()) {
                    LOG.debug("dead-letter subscriber {} is stopped or full; it misses {}", s.path(), letter);
                }
            }
        }
    }

    /**
     * Logs how many dead letters came since the last summary, by reason, most frequent first.
     * Runs on the clock; the next letter arms the next summary.
     */
    void summarize() {
        summaryArmed.set(false);
        long total = 0;
        List<String> parts = new ArrayList<>();
        List<long[]> counts = new ArrayList<>();
        DeadLetter.Reason[] reasons = DeadLetter.Reason.values();
        synchronized (summarized) {
            for (int i = 0; i < reasons.length; i++) {
                long now = byReason[i].sum();
                long delta = now - summarized[i];
                summarized[i] = now;
                if (delta > 0) {
                    counts.add(new long[] {i, delta});
                    total += delta;
                }
            }
        }
        if (total == 0) {
            return;
        }
        counts.sort(Comparator.comparingLong((long[] c) -> c[1]).reversed());
        for (long[] c : counts) {
            parts.add(reasons[(int) c[0]] + " " + c[1]);
        }
        LOG.info("{} dead letters in the last {} s ({}); the last {} are listed by hyphae:deadletters", total,
                SUMMARY_SECONDS, String.join(", ", parts), RECENT);
    }

    private void log(Object message, ActorRef<?> recipient, DeadLetter.Reason reason) {
        long n = count.sum();
        if (n <= LOGGED_AT_INFO) {
            LOG.info("dead letter {} to {}: {}{}", reason, recipient.path(), message.getClass().getName(),
                    n == LOGGED_AT_INFO ? " (further dead letters are logged at DEBUG, and summarized at INFO at "
                            + "most once every " + SUMMARY_SECONDS + " s)" : "");
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("dead letter {} to {}: {}", reason, recipient.path(), message);
        }
    }

    Subscription subscribe(CellInbox<?> cell) {
        subscribers.addIfAbsent(cell);
        if (cell.isDead()) {
            // Raced with its termination, which may have looked before the add.
            subscribers.remove(cell);
        }
        return () -> subscribers.remove(cell);
    }

    /** A terminating cell leaves the subscribers itself. */
    void forget(CellInbox<?> cell) {
        if (!subscribers.isEmpty()) {
            subscribers.remove(cell);
        }
    }

    long count() {
        return count.sum();
    }

    /** Dead letters since start, by reason, every reason listed. */
    Map<DeadLetter.Reason, Long> countsByReason() {
        Map<DeadLetter.Reason, Long> out = new EnumMap<>(DeadLetter.Reason.class);
        for (DeadLetter.Reason r : DeadLetter.Reason.values()) {
            out.put(r, byReason[r.ordinal()].sum());
        }
        return out;
    }

    /** The most recent dead letters, oldest first. */
    List<RuntimeAdmin.RecentDeadLetter> recent() {
        List<RuntimeAdmin.RecentDeadLetter> list = new ArrayList<>(RECENT);
        long end = recentCount.get();
        for (long i = Math.max(0, end - RECENT); i < end; i++) {
            RuntimeAdmin.RecentDeadLetter d = recent.get((int) (i % RECENT));
            if (d != null) {
                list.add(d);
            }
        }
        list.sort(Comparator.comparingLong(RuntimeAdmin.RecentDeadLetter::epochMillis));
        return list;
    }
}
