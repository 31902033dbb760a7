package io.hyphae.broker.internal.jmx;

import io.hyphae.api.broker.MessageBroker;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes a broker in the platform MBean server. */
public final class BrokerMBean implements BrokerMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(BrokerMBean.class);

    private final MessageBroker broker;
    private final ObjectName objectName;

    private BrokerMBean(MessageBroker broker, ObjectName objectName) {
        this.broker = broker;
        this.objectName = objectName;
    }

    /**
     * Registers the broker's MBean; a failure is logged, never thrown, since JMX is optional.
     *
     * @param broker the broker
     * @return a handle to unregister it, or null if registration failed
     */
    public static BrokerMBean register(MessageBroker broker) {
        try {
            ObjectName name = new ObjectName("io.hyphae:type=Broker");
            BrokerMBean bean = new BrokerMBean(broker, name);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            return bean;
        } catch (JMException | RuntimeException e) {
            LOG.warn("the broker is not published over JMX: {}", e.toString());
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

    @Override
    public String getIndex() {
        return broker.metrics().index();
    }

    @Override
    public List<String> getIndexes() {
        return broker.indexes();
    }

    @Override
    public long getPublished() {
        return broker.metrics().published();
    }

    @Override
    public long getDelivered() {
        return broker.metrics().delivered();
    }

    @Override
    public long getUnrouted() {
        return broker.metrics().unrouted();
    }

    @Override
    public int getSubscriptions() {
        return broker.metrics().subscriptions();
    }

    @Override
    public long getIndexSwitches() {
        return broker.metrics().indexSwitches();
    }

    @Override
    public void useIndex(String name) {
        broker.useIndex(name);
    }
}
