package io.hyphae.testkit;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting for a recorded item: what the kit's and the log capture's expectations share. */
final class Awaiting {

    private Awaiting() {
    }

    /**
     * Removes and returns the first item that matches, waiting on {@code lock} (which guards
     * {@code items} and is notified when one is added) until the timeout ends.
     *
     * @throws AssertionError with {@code failure}'s text if none matched in time
     */
    static <T> T takeFirst(Object lock, List<T> items, Predicate<? super T> condition, Duration timeout,
            Supplier<String> failure) {
        long deadline = System.nanoTime() + TestProbe.nanos(timeout);
        synchronized (lock) {
            while (true) {
                for (int i = 0; i < items.size(); i++) {
                    if (condition.test(items.get(i))) {
                        return items.remove(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError(failure.get());
                }
                try {
                    TimeUnit.NANOSECONDS.timedWait(lock, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError("interrupted while waiting", e);
                }
            }
        }
    }
}
