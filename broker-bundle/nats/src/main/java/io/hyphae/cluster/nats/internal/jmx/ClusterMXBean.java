package io.hyphae.cluster.nats.internal.jmx;

import java.util.List;

/** A cluster node over JMX, as {@code io.hyphae:type=Cluster,node=NAME}. */
public interface ClusterMXBean {

    /** @return this node's name */
    String getNode();

    /** @return whether the client is connected now */
    boolean isConnected();

    /** @return the server the client is connected to, or null */
    String getConnectedUrl();

    /** @return the other nodes this node sees */
    List<String> getNodes();

    /** @return the exported names this node knows, as {@code name -> node} */
    List<String> getExports();

    /** @return the cluster and durable topic patterns */
    List<String> getTopics();

    /** @return publishes on cluster topics sent to the server */
    long getTopicMessagesSent();

    /** @return messages on cluster topics from other nodes, published locally */
    long getTopicMessagesReceived();

    /** @return messages told to actors of other nodes */
    long getActorMessagesSent();

    /** @return messages from other nodes delivered to local actors */
    long getActorMessagesReceived();

    /** @return messages from the wire that could not be decoded */
    long getUndecodable();

    /** @return publishes the client could not send */
    long getNotSent();

    /** @return messages to or from actors known to be gone */
    long getRemoteDeadLetters();

    /** @return messages the client dropped because its receive buffer was full */
    long getDropped();
}
