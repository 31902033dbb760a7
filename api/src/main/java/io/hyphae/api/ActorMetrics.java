package io.hyphae.api;

/**
 * Counters of one actor, read on demand. Message counts are published at the end of each
 * turn, so while an actor is busy they lag by up to one turn's throughput.
 *
 * @param path the actor's path
 * @param received messages accepted by its mailbox: processed, queued or discarded at stop
 * @param processed messages handled (including those whose handler failed)
 * @param mailboxDepth messages queued or taken in the current turn but not yet handled (an
 *        estimate while producers race)
 * @param failures handler failures
 * @param restarts restarts
 * @param mailbox the name of the mailbox factory in use
 */
public record ActorMetrics(String path, long received, long processed, int mailboxDepth,
        long failures, long restarts, String mailbox) {
}
