package io.hyphae.cluster.nats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.ActorUnreachableException;
import io.hyphae.api.ExitReason;
import io.hyphae.api.Signal;
import io.hyphae.api.Terminated;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.shutdown.ShutdownSettings;
import io.hyphae.cluster.nats.NatsCluster;
import io.hyphae.cluster.nats.internal.NodeProcess.Counts;
import io.hyphae.cluster.nats.internal.NodeProcess.Entry;
import io.hyphae.cluster.nats.internal.NodeProcess.LedgerMsg;
import io.hyphae.cluster.nats.internal.NodeProcess.Price;
import io.hyphae.cluster.nats.internal.NodeProcess.Tally;
import io.hyphae.cluster.nats.testsupport.NatsServer;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two Hyphae nodes in two JVMs on three NATS servers joined by routes: remote tell and ask,
 * a request on a cluster topic, remote death watch; then faults: the server the other node
 * is connected to is killed while this one sends (the node reconnects, and what arrives is
 * in order and never twice), the other node's JVM is killed (watchers get
 * {@code Terminated}, an open ask fails early) and started again (it is found again by name,
 * and gets the durable messages published while it was down, in order and once).
 */
class ClusterProcessesTest extends NodeTest {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterProcessesTest.class);

    /** Which nodes' control messages each live server carries for a second. */
    private static String beats(List<NatsServer> servers) throws Exception {
        StringBuilder out = new StringBuilder();
        for (NatsServer s : servers) {
            try {
                io.nats.client.Connection c = io.nats.client.Nats.connect(s.url());
                io.nats.client.Subscription sub = c.subscribe("hyphae.t~.m");
                java.util.Set<String> from = new java.util.TreeSet<>();
                long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                while (System.nanoTime() < end) {
                    io.nats.client.Message m = sub.nextMessage(Duration.ofMillis(100));
                    if (m != null) {
                        String t = new String(m.getData(), java.nio.charset.StandardCharsets.UTF_8);
                        from.add(t.replaceAll(".*\"node\":\"([^\"]*)\".*", "$1"));
                    }
                }
                out.append(s.url()).append(' ').append(from).append("; ");
                c.close();
            } catch (Exception e) {
                out.append(s.url()).append(" down; ");
            }
        }
        return out.toString();
    }

    private static Counts tally(ActorSystem a, ActorRef<LedgerMsg> ledger, Duration timeout) {
        return a.<LedgerMsg, Counts>ask(ledger, Tally::new, timeout).toCompletableFuture().join();
    }

    @Test
    void twoNodesInTwoJvmsOnThreeClusteredServersSurviveAServerAndANodeDying() throws Exception {
        List<NatsServer> servers = NatsServer.cluster(3, true);
        servers.forEach(this::keep);
        NodeProcess b = keep(NodeProcess.start("node-b", List.of(servers.get(1), servers.get(2))));
        ActorSystem a = keep(ActorSystem.builder().config(ActorSystemConfig.defaults().withName("node-a")
                .withDispatcherThreads(2).withShutdown(ShutdownSettings.defaults().withJvmHook(false))).build());
        MessageBroker broker = MessageBroker.builder(a).build();
        NatsCluster na = keep(NodeProcess.connect(NatsCluster.builder(a, broker)
                .servers(servers.get(0).url(), servers.get(2).url()).node("node-a")
                .heartbeat(NodeProcess.BEAT, Duration.ofSeconds(3))));
        await("node-b's ledger", () -> "node-b".equals(na.exports().get("ledger")));
        ActorRef<LedgerMsg> ledger = na.actor("ledger");
        await("the receptionist's listing", () -> na.receptionist().find(NodeProcess.LEDGERS).refs().size() == 1);
        ActorRef<LedgerMsg> listed = na.receptionist().find(NodeProcess.LEDGERS).refs().get(0);

        for (long seq = 0; seq < 10_000; seq++) {
            ledger.tell(new Entry("a", seq));
        }
        assertEquals(new Counts(10_000, 0, 0), tally(a, ledger, Duration.ofSeconds(10)));
        assertEquals(new Counts(10_000, 0, 0), tally(a, listed, Duration.ofSeconds(10)), "the same actor, found by key");
        long price = na.broker().<Price, Long>request("prices/apple", r -> new Price("apple", r),
                Duration.ofSeconds(10)).toCompletableFuture().join();
        assertEquals(5L, price);

        Queue<Object> seen = new ConcurrentLinkedQueue<>();
        ActorRef<Object> watcher = a.spawnAnonymous(ctx -> new Actor<Object>() {
            @Override
            public void receive(Object m) {
                ctx.watch((ActorRef<?>) m);
            }

            @Override
            public void onSignal(Signal signal) {
                seen.add(signal);
            }
        });
        watcher.tell(ledger);

        // Kill the server node-b is connected to while this node sends.
        Thread sender = new Thread(() -> {
            for (long seq = 10_000; seq < 30_000; seq++) {
                ledger.tell(new Entry("a", seq));
                if (seq % 200 == 0) {
                    try {
                        Thread.sleep(1);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        });
        sender.start();
        Thread.sleep(30);
        servers.get(1).kill();
        sender.join();
        Counts after = null;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (after == null) {
            try {
                after = tally(a, ledger, Duration.ofMillis(500));
            } catch (CompletionException notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("node-b did not come back after its server died; servers "
                            + servers.stream().map(NatsServer::url).toList() + "; beats seen: " + beats(servers)
                            + "\n" + b.output() + "\n" + b.threads());
                }
            }
        }
        LOG.info("after the server died: {} of 30,000 entries arrived", after.distinct());
        assertEquals(0, after.duplicates(), "nothing twice");
        assertEquals(0, after.outOfOrder(), "in order");
        assertTrue(after.distinct() >= 10_000 && after.distinct() <= 30_000, after.toString());
        assertTrue(seen.isEmpty(), "node-b was not taken for gone: " + seen);

        // Kill node-b's JVM: no leave message; the heartbeats stop.
        b.kill();
        long killed = System.nanoTime();
        CompletableFuture<Counts> pending = a.<LedgerMsg, Counts>ask(ledger, Tally::new, Duration.ofSeconds(60))
                .toCompletableFuture();
        CompletionException failed = assertThrows(CompletionException.class, pending::join);
        assertInstanceOf(ActorUnreachableException.class, failed.getCause());
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killed);
        LOG.info("the ask failed {} ms after node-b's JVM was killed (failure timeout 3 s)", tookMs);
        assertTrue(tookMs < 15_000, "took " + tookMs + " ms");
        await("Terminated", () -> !seen.isEmpty());
        Terminated t = (Terminated) seen.peek();
        assertEquals(ledger, t.ref());
        assertEquals(ExitReason.UNREACHABLE, t.reason());
        assertTrue(na.receptionist().find(NodeProcess.LEDGERS).isEmpty(), "the listing lost the gone node");
        long deadBefore = na.metrics().remoteDeadLetters();
        ledger.tell(new Entry("a", -1));
        assertEquals(deadBefore + 1, na.metrics().remoteDeadLetters(), "a tell to a gone actor is a dead letter");

        // While node-b is down, 1,000 entries go to the durable topic.
        for (long seq = 0; seq < 1_000; seq++) {
            broker.publish("audit/x", new Entry("audit", seq));
        }

        // Start node-b again: a new run, found by the same name, and its durable consumer
        // hands the new ledger exactly what it missed, in order.
        keep(NodeProcess.start("node-b", List.of(servers.get(2))));
        await("node-b's ledger again", () -> "node-b".equals(na.exports().get("ledger")));
        await("the missed entries", () -> tally(a, ledger, Duration.ofSeconds(10)).distinct() >= 1_000);
        Thread.sleep(300);
        assertEquals(new Counts(1_000, 0, 0), tally(a, ledger, Duration.ofSeconds(10)));
    }
}
