package io.hyphae.api;

/**
 * Counters of a whole system, read on demand.
 *
 * @param name the system's name
 * @param dispatcherThreads threads running actors
 * @param liveActors actors started and not yet stopped
 * @param spawned actors spawned since start
 * @param processed messages handled since start
 * @param deadLetters dead letters since start
 * @param failures actor failures since start
 * @param restarts actor restarts since start
 * @param mailboxFactory the name of the preferred mailbox factory
 */
public record SystemMetrics(String name, int dispatcherThreads, long liveActors, long spawned,
        long processed, long deadLetters, long failures, long restarts, String mailboxFactory) {
}
