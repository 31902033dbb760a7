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
 * @param remoteSent messages told to actors of other nodes and sent to the server
 * @param remoteReceived messages from other nodes delivered to local actors
 * @param remoteDeadLetters messages to remote actors known to be gone, or from other nodes to local
 *        actors that are gone; each is a dead letter
 * @param nodes the other nodes this node sees now
 * @param dropped messages from the server the client dropped because they arrived faster than
 *        this node decoded them and its receive buffer (256 MB) was full; NATS does not resend them
 */
public record ClusterMetrics(long forwarded, long received, long undecodable, long forwardFailures,
        boolean connected, long remoteSent, long remoteReceived, long remoteDeadLetters, int nodes, long dropped) {

    /**
     * The counters of cluster topics alone (the first version of this record).
     *
     * @param forwarded publishes sent to the server
     * @param received messages from other nodes published locally
     * @param undecodable messages turned into dead letters
     * @param forwardFailures publishes the client could not send
     * @param connected whether the client is connected now
     */
    public ClusterMetrics(long forwarded, long received, long undecodable, long forwardFailures,
            boolean connected) {
        this(forwarded, received, undecodable, forwardFailures, connected, 0, 0, 0, 0, 0);
    }
}
