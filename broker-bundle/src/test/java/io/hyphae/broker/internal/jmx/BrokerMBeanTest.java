package io.hyphae.broker.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** Every attribute and the operation of the broker's MBean, through the platform MBean server. */
class BrokerMBeanTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void everyAttributeAndTheIndexSwitchWorkOverJmx() throws Exception {
        try (ActorSystem system = ActorSystem.builder().name("broker-jmx").dispatcherThreads(2).build()) {
            MessageBroker broker = MessageBroker.builder(system).build();
            BrokerMBean bean = BrokerMBean.register(broker);
            ObjectName name = new ObjectName("io.hyphae:type=Broker");
            try {
                broker.subscribe("a/+", system.spawnAnonymous(ctx -> m -> { }));
                broker.subscribe("a/#", system.spawnAnonymous(ctx -> m -> { }));
                assertEquals(2, broker.publish("a/b", "x"));
                assertEquals(0, broker.publish("nobody/here", "y"));

                assertEquals("hash", server.getAttribute(name, "Index"));
                assertEquals(List.of("hash", "tree"), List.of((String[]) server.getAttribute(name, "Indexes")));
                assertEquals(2L, server.getAttribute(name, "Published"));
                assertEquals(2L, server.getAttribute(name, "Delivered"));
                assertEquals(1L, server.getAttribute(name, "Unrouted"));
                assertEquals(2, server.getAttribute(name, "Subscriptions"));
                long switches = (long) server.getAttribute(name, "IndexSwitches");
                server.invoke(name, "useIndex", new Object[] {"tree"}, new String[] {String.class.getName()});
                assertEquals("tree", server.getAttribute(name, "Index"));
                assertEquals("tree", broker.metrics().index());
                assertEquals(switches + 1, server.getAttribute(name, "IndexSwitches"));
                assertEquals(2, broker.publish("a/b", "z"), "subscriptions moved with the switch");
            } finally {
                bean.unregister();
            }
            assertFalse(server.isRegistered(name));
            assertEquals(2, broker.metrics().subscriptions(), "the broker outlives its bean");
        }
    }
}
