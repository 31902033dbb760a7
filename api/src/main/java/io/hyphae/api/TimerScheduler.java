package io.hyphae.api;

import java.time.Duration;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Keyed timers that send messages to their own actor. Starting a timer with a key in use
 * replaces the old one; a cancelled or replaced timer never delivers, even if it already
 * fired and its message is queued. Use only from inside the actor.
 *
 * @param <M> the actor's message type
 */
@ProviderType
public interface TimerScheduler<M> {

    /**
     * Sends {@code message} once after {@code delay}.
     *
     * @param key identifies the timer
     * @param message the message to send
     * @param delay the delay, not negative
     */
    void startSingleTimer(Object key, M message, Duration delay);

    /**
     * Sends {@code message} every {@code interval}, first after one interval.
     *
     * @param key identifies the timer
     * @param message the message to send
     * @param interval the period, positive
     */
    void startPeriodicTimer(Object key, M message, Duration interval);

    /**
     * Whether a timer with this key is active (a single timer is active until its
     * message is handled).
     *
     * @param key the key
     * @return true if active
     */
    boolean isTimerActive(Object key);

    /**
     * Cancels a timer; nothing happens if no timer has this key.
     *
     * @param key the key
     */
    void cancel(Object key);

    /** Cancels every timer of the actor. */
    void cancelAll();
}
