package io.hyphae.runtime.internal.jmx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.SystemMetrics;
import io.hyphae.runtime.internal.RuntimeAdmin;
import io.hyphae.runtime.testsupport.Await;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

/** Every attribute and operation of the system's MBean, read through the platform MBean server. */
class ActorSystemMBeanTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void everyAttributeAndOperationAnswersFromTheLiveSystem() throws Exception {
        ActorSystem system = ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName("jmx-test").withDispatcherThreads(2).withThroughput(7))
                .build();
        ActorSystemMBean bean = ActorSystemMBean.register((RuntimeAdmin) system);
        ObjectName name = ActorSystemMBean.objectName("jmx-test");
        try {
            ActorRef<Object> parent = system.spawn(ctx -> {
                ctx.spawn(c -> m -> { }, "child");
                return m -> {
                    if (m instanceof CompletableFuture<?> f) {
                        f.complete(null);
                    } else {
                        throw new IllegalStateException("boom");
                    }
                };
            }, "parent");
            parent.tell("fail once"); // a failure, then a restart by the guardian
            Await.until("restart counted", () -> system.metrics().restarts() == 1);
            CompletableFuture<Object> done = new CompletableFuture<>();
            parent.tell(done);
            done.get(5, TimeUnit.SECONDS);
            system.swapMailboxes("builtin").toCompletableFuture().get(5, TimeUnit.SECONDS);

            SystemMetrics m = system.metrics();
            assertEquals("jmx-test", server.getAttribute(name, "Name"));
            assertEquals(2, server.getAttribute(name, "DispatcherThreads"));
            assertEquals(7, server.getAttribute(name, "DefaultThroughput"));
            assertEquals(m.liveActors(), server.getAttribute(name, "LiveActors"));
            assertEquals(m.spawned(), server.getAttribute(name, "Spawned"));
            assertTrue((long) server.getAttribute(name, "Processed") >= 2);
            assertEquals(m.deadLetters(), server.getAttribute(name, "DeadLetters"));
            TabularData byReason = (TabularData) server.getAttribute(name, "DeadLettersByReason");
            assertEquals(DeadLetter.Reason.values().length, byReason.size(), "every reason listed");
            assertEquals(0L, byReason.get(new Object[] {"REPLACED_CODE"}).get("value"));
            assertEquals(1L, server.getAttribute(name, "Failures"));
            assertEquals(1L, server.getAttribute(name, "Restarts"));
            assertEquals("builtin", server.getAttribute(name, "DefaultMailbox"));
            assertEquals(bean.getMailboxMoves(), server.getAttribute(name, "MailboxMoves"));
            assertEquals(bean.getMailboxRescues(), server.getAttribute(name, "MailboxRescues"));
            assertEquals("affinity", server.getAttribute(name, "DefaultDispatcher"));
            server.invoke(name, "useDispatcher", new Object[] {"work-stealing"}, new String[] {String.class.getName()});
            assertEquals("work-stealing", server.getAttribute(name, "DefaultDispatcher"));
            TabularData dispatchers = (TabularData) server.getAttribute(name, "Dispatchers");
            assertEquals(system.dispatchers().size(), dispatchers.size());

            system.upgrade(parent, ctx -> msg -> {
                if (msg instanceof CompletableFuture<?> f) {
                    f.complete(null);
                }
            }, "v2").toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(1L, server.getAttribute(name, "Upgrades"));
            List<String> upgrades = List.of((String[]) server.getAttribute(name, "RecentUpgrades"));
            assertEquals(1, upgrades.size(), upgrades.toString());
            assertTrue(upgrades.get(0).startsWith("parent initial -> v2: upgraded (queued "), upgrades.toString());

            List<String> paths = List.of((String[]) server.invoke(name, "actorPaths", null, null));
            assertTrue(paths.containsAll(List.of("parent", "parent/child")), paths.toString());
            TabularData counters = (TabularData) server.invoke(name, "actorCounters", new Object[] {"parent"},
                    new String[] {String.class.getName()});
            Map<Object, Object> byKey = new java.util.HashMap<>();
            for (Object row : counters.values()) {
                CompositeData c = (CompositeData) row;
                byKey.put(c.get("key"), c.get("value"));
            }
            assertEquals(2L, byKey.get("processed"), byKey.toString());
            assertEquals(1L, byKey.get("failures"), byKey.toString());
            assertEquals(1L, byKey.get("restarts"), byKey.toString());
            assertEquals(0L, byKey.get("mailboxDepth"), byKey.toString());
            Exception unknown = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> server.invoke(name, "actorCounters", new Object[] {"nobody"},
                            new String[] {String.class.getName()}));
            assertTrue(unknown.getCause() instanceof IllegalArgumentException, unknown.toString());
        } finally {
            bean.unregister();
            system.close();
        }
        assertFalse(server.isRegistered(name));
    }
}
