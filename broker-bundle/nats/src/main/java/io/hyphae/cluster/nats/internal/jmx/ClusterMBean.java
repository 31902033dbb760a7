package io.hyphae.cluster.nats.internal.jmx;

import io.hyphae.cluster.nats.ClusterMetrics;
import io.hyphae.cluster.nats.internal.NatsNode;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a cluster node in the platform MBean server while it is connected. */
public final class ClusterMBean implements ClusterMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterMBean.class);

    private final NatsNode node;
    private final ObjectName objectName;

    private ClusterMBean(NatsNode node, ObjectName objectName) {
        this.node = node;
        this.objectName = objectName;
    }

    /**
     * Registers a node's MBean; a failure is logged, never thrown, since JMX is optional.
     *
     * @param node the node
     * @return a handle to unregister it, or null if registration failed
     */
    public static ClusterMBean register(NatsNode node) {
        try {
            ObjectName name = new ObjectName("io.hyphae:type=Cluster,node=" + ObjectName.quote(node.node()));
            ClusterMBean bean = new ClusterMBean(node, name);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            return bean;
        } catch (JMException | RuntimeException e) {
            LOG.warn("cluster node '{}' is not published over JMX: {}", node.node(), e.toString());
            return null;
        }
    }

    /** Removes the MBean. */
    public void unregister() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
        } catch (JMException e) {
            LOG.debug("unregistering {} failed", objectName, e);
        }
    }

    private ClusterMetrics m() {
        return node.metrics();
    }

    @Override
    public String getNode() {
        return node.node();
    }

    @Override
    public boolean isConnected() {
        return m().connected();
    }

    @Override
    public String getConnectedUrl() {
        return node.connectedUrl();
    }

    @Override
    public List<String> getNodes() {
        return node.nodes();
    }

    @Override
    public List<String> getExports() {
        return node.exports().entrySet().stream().map(e -> e.getKey() + " -> " + e.getValue()).toList();
    }

    @Override
    public List<String> getTopics() {
        return node.topicPatterns();
    }

    @Override
    public long getTopicMessagesSent() {
        return m().forwarded();
    }

    @Override
    public long getTopicMessagesReceived() {
        return m().received();
    }

    @Override
    public long getActorMessagesSent() {
        return m().remoteSent();
    }

    @Override
    public long getActorMessagesReceived() {
        return m().remoteReceived();
    }

    @Override
    public long getUndecodable() {
        return m().undecodable();
    }

    @Override
    public long getNotSent() {
        return m().forwardFailures();
    }

    @Override
    public long getRemoteDeadLetters() {
        return m().remoteDeadLetters();
    }

    @Override
    public long getDropped() {
        return m().dropped();
    }
}
