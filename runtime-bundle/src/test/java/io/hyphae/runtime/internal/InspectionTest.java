package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.DeadLetter;
import io.hyphae.runtime.internal.jmx.ActorSystemMBean;
import io.hyphae.runtime.testsupport.Await;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import javax.management.openmbean.CompositeData;
import javax.management.openmbean.TabularData;
import org.junit.jupiter.api.Test;

/** The on-demand views of a system: the inspection walk, recent dead letters and the MBean. */
class InspectionTest extends SystemTestBase {

    private HyphaeActorSystem hyphae() {
        return (HyphaeActorSystem) system;
    }

    /** An actor that spawns {@code n} named children when it starts. */
    private static io.hyphae.api.ActorFactory<String> parentOf(String... children) {
        return (ActorContext<String> ctx) -> {
            for (String c : children) {
                ctx.spawn(x -> m -> { }, c);
            }
            return m -> { };
        };
    }

    @Test
    void inspectionListsEveryLiveActorInTreeOrderWithItsLevelAndChildren() throws Exception {
        system.spawn(parentOf("b", "a"), "zeta");
        ActorRef<String> alpha = system.spawn(parentOf("x"), "alpha");
        ActorRef<String> gone = system.spawn(ctx -> m -> { }, "gone");
        for (int i = 0; i < 7; i++) {
            alpha.tell("m" + i);
        }
        system.stop(gone);
        system.whenTerminated(gone).toCompletableFuture().get(5, TimeUnit.SECONDS);
        Await.until("children started", () -> system.find("zeta/a").isPresent() && system.find("alpha/x").isPresent());
        Await.until("alpha handled its messages", () -> system.metrics(alpha).orElseThrow().processed() == 7);

        List<ActorSnapshot> all = hyphae().inspect(Duration.ofSeconds(5));
        List<String> named = all.stream().map(ActorSnapshot::path).filter(p -> !p.startsWith("$"))
                .collect(Collectors.toList());
        assertEquals(List.of("alpha", "alpha/x", "zeta", "zeta/a", "zeta/b"), named);
        ActorSnapshot a = all.stream().filter(s -> s.path().equals("alpha")).findFirst().orElseThrow();
        assertEquals(0, a.level());
        assertEquals(1, a.children());
        assertEquals(7, a.metrics().processed());
        assertEquals("running", a.state());
        assertEquals("unbounded", a.mailboxSpec());
        ActorSnapshot zb = all.stream().filter(s -> s.path().equals("zeta/b")).findFirst().orElseThrow();
        assertEquals(1, zb.level());
        // The anonymous dead-letter listener of the test base is there too.
        assertEquals(system.metrics().liveActors(), all.size());
    }

    @Test
    void aBusyActorIsMissingFromAnInspectionThatTimesOutButTheOthersAnswer() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch inside = new CountDownLatch(1);
        ActorRef<String> busy = system.spawn(ctx -> m -> {
            inside.countDown();
            release.await();
        }, "busy");
        system.spawn(ctx -> m -> { }, "idle");
        busy.tell("block");
        assertTrue(inside.await(5, TimeUnit.SECONDS));
        try {
            List<String> paths = hyphae().inspect(Duration.ofMillis(200)).stream().map(ActorSnapshot::path)
                    .collect(Collectors.toList());
            assertTrue(paths.contains("idle"), paths::toString);
            assertTrue(!paths.contains("busy"), paths::toString);
        } finally {
            release.countDown();
        }
        Await.until("busy answers once free", () -> {
            try {
                return hyphae().inspect(Duration.ofSeconds(1)).stream().anyMatch(s -> s.path().equals("busy"));
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void recentDeadLettersKeepTheLast32InOrder() throws Exception {
        ActorRef<String> gone = system.spawn(ctx -> m -> { }, "gone");
        system.stop(gone);
        system.whenTerminated(gone).toCompletableFuture().get(5, TimeUnit.SECONDS);
        for (int i = 0; i < 40; i++) {
            gone.tell("letter-" + i);
        }
        List<RuntimeAdmin.RecentDeadLetter> recent = hyphae().recentDeadLetters();
        assertEquals(32, recent.size());
        for (int i = 0; i < 32; i++) {
            DeadLetter d = recent.get(i).letter();
            assertEquals("letter-" + (i + 8), d.message());
            assertEquals(DeadLetter.Reason.RECIPIENT_TERMINATED, d.reason());
        }
    }

    @Test
    void theMBeanReadsCountersOnDemandAndRefusesUnknownActors() throws Exception {
        ActorSystemMBean bean = ActorSystemMBean.register(hyphae());
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = ActorSystemMBean.objectName(system.name());
            ActorRef<String> worker = system.spawn(ctx -> m -> {
                if (m.equals("fail")) {
                    throw new IllegalStateException("asked to");
                }
            }, "worker");
            worker.tell("a");
            worker.tell("fail");
            worker.tell("b");
            Await.until("worker restarted and handled b", () -> system.metrics(worker).orElseThrow().processed() == 3);
            assertEquals(system.metrics().liveActors(), server.getAttribute(name, "LiveActors"));
            assertEquals("builtin", server.getAttribute(name, "DefaultMailbox"));
            TabularData counters = (TabularData) server.invoke(name, "actorCounters", new Object[] {"worker"},
                    new String[] {String.class.getName()});
            Map<Object, Object> byKey = new java.util.HashMap<>();
            for (Object row : counters.values()) {
                CompositeData cd = (CompositeData) row;
                byKey.put(cd.get("key"), cd.get("value"));
            }
            assertEquals(3L, byKey.get("processed"));
            assertEquals(1L, byKey.get("failures"));
            assertEquals(1L, byKey.get("restarts"));
            String[] paths = (String[]) server.invoke(name, "actorPaths", null, null);
            assertTrue(List.of(paths).contains("worker"), List.of(paths)::toString);
            javax.management.RuntimeMBeanException e = assertThrows(javax.management.RuntimeMBeanException.class, () ->
                    server.invoke(name, "actorCounters", new Object[] {"nobody"}, new String[] {String.class.getName()}));
            assertTrue(e.getCause() instanceof IllegalArgumentException, e::toString);
        } finally {
            bean.unregister();
        }
        assertTrue(!ManagementFactory.getPlatformMBeanServer().isRegistered(ActorSystemMBean.objectName(system.name())));
    }

    @Test
    void onTheModulePathJmxIsOptInAndTheBeanLeavesWithTheSystem() throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = ActorSystemMBean.objectName("jmx-opt-in");
        io.hyphae.api.ActorSystemConfig config = io.hyphae.api.ActorSystemConfig.defaults().withName("jmx-opt-in")
                .withDispatcherThreads(1);
        io.hyphae.api.ActorSystem plain = io.hyphae.api.ActorSystem.builder().config(config).build();
        assertTrue(!server.isRegistered(name), "not published without -Dhyphae.jmx=true");
        plain.close();
        System.setProperty("hyphae.jmx", "true");
        io.hyphae.api.ActorSystem published;
        try {
            published = io.hyphae.api.ActorSystem.builder().config(config).build();
        } finally {
            System.clearProperty("hyphae.jmx");
        }
        assertTrue(server.isRegistered(name));
        assertEquals(1, server.getAttribute(name, "DispatcherThreads"));
        published.close();
        Await.until("the bean to leave with the system", () -> !server.isRegistered(name));
    }
}
