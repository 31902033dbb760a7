package io.hyphae.cluster.nats;

/**
 * Counters of one node since it connected.
 *
 * @param forwarded publishes on cluster topics sent to the server
 * @param received messages from other nodes published to local subscribers
 * @param undecodable messages from other nodes turned into dead letters
 * @param forwardFailures publishes on cluster topics the client could not send (disconnected with a full
 *        reconnect buffer, or closed); they reached local subscribers only
 * @param connected whether the client is connected now
 */
public record ClusterMetrics(long forwarded, long received, long undecodable, long forwardFailures,
        boolean connected) {
}
