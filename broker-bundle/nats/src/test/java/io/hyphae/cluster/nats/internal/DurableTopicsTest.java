package io.hyphae.cluster.nats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.cluster.nats.ClusterException;
import io.hyphae.cluster.nats.MessageCodec;
import io.hyphae.cluster.nats.MessageCodecs;
import io.hyphae.cluster.nats.NatsCluster;
import io.hyphae.cluster.nats.testsupport.NatsServer;
import io.nats.client.Connection;
import io.nats.client.FetchConsumer;
import io.nats.client.Nats;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Durable topics on a real JetStream server: a node that is down while others publish gets
 * every message when it is back, in order and once; the publisher's own subscribers get
 * each once; a publish the server cannot store fails and reaches nobody; the stream
 * survives a restart of the server.
 */
class DurableTopicsTest extends NodeTest {

    record Entry(String from, long seq) {
    }

    private static final MessageCodec CODEC = MessageCodecs.json(Entry.class);

    private static NatsCluster node(ActorSystem s, MessageBroker broker, NatsServer server, String name) {
        return NatsCluster.builder(s, broker).servers(server.url()).node(name).durableTopics("audit/#")
                .clusterTopics("live/#").codec(CODEC).heartbeat(Duration.ofMillis(100), Duration.ofSeconds(1))
                .durability(1, Duration.ofSeconds(1)).connect();
    }

    private static void assertInOrderOnce(Queue<Object> got, long from, long to) {
        List<Object> expected = new ArrayList<>();
        for (long i = from; i < to; i++) {
            expected.add(new Entry("a", i));
        }
        assertEquals(expected, List.copyOf(got));
    }

    @Test
    void aNodeThatWasDownGetsWhatItMissedInOrderAndOnce() throws Exception {
        Path store = Files.createTempDirectory("jetstream-");
        String[] conf = {"jetstream {", "  store_dir: \"" + store + "\"", "}"};
        NatsServer server = NatsServer.start(conf);
        ActorSystem a = system("node-a");
        MessageBroker brokerA = MessageBroker.builder(a).build();
        Queue<Object> atA = new ConcurrentLinkedQueue<>();
        brokerA.subscribe("audit/+", a.spawnAnonymous(ctx -> atA::add));
        NatsCluster na = node(a, brokerA, server, "node-a");

        ActorSystem b = system("node-b");
        MessageBroker brokerB = MessageBroker.builder(b).build();
        Queue<Object> atB = new ConcurrentLinkedQueue<>();
        brokerB.subscribe("audit/+", b.spawnAnonymous(ctx -> atB::add));
        NatsCluster nb = node(b, brokerB, server, "node-b");

        for (long i = 0; i < 50; i++) {
            brokerA.publish("audit/x", new Entry("a", i));
        }
        await("50 at b", () -> atB.size() >= 50);
        assertInOrderOnce(atB, 0, 50);

        nb.close(); // node b is down
        for (long i = 50; i < 150; i++) {
            brokerA.publish("audit/x", new Entry("a", i));
        }
        Queue<Object> again = new ConcurrentLinkedQueue<>();
        brokerB.subscribe("audit/#", b.spawnAnonymous(ctx -> again::add));
        NatsCluster nb2 = keep(node(b, brokerB, server, "node-b")); // back, with the same name
        await("the 100 it missed", () -> again.size() >= 100);
        Thread.sleep(300);
        assertInOrderOnce(again, 50, 150);
        assertInOrderOnce(atA, 0, 150); // the publisher's own subscriber: each once

        // The server restarts on its store: the stream and the consumers' positions survive.
        int port = server.port();
        server.close();
        await("node a notices", () -> !na.metrics().connected());
        assertThrows(ClusterException.class, () -> brokerA.publish("audit/x", new Entry("a", -1)),
                "a publish while disconnected fails");
        server = keep(NatsServer.startOn(port, conf));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        long next = 150;
        while (next < 160) {
            try {
                brokerA.publish("audit/x", new Entry("a", next));
                next++;
            } catch (ClusterException notYet) {
                assertTrue(System.nanoTime() < deadline, "the server did not come back: " + notYet);
                Thread.sleep(100);
            }
        }
        await("10 more after the restart", () -> again.size() >= 110);
        Thread.sleep(300);
        assertInOrderOnce(again, 50, 160);
        assertTrue(atA.stream().noneMatch(e -> e.equals(new Entry("a", -1))), "the refused publish reached nobody");
        na.close();
        nb2.close();
    }

    /** A JetStream server on a fresh store, closed after the test. */
    private NatsServer jetStreamServer() throws Exception {
        Path store = Files.createTempDirectory("jetstream-");
        return keep(NatsServer.start("jetstream {", "  store_dir: \"" + store + "\"", "}"));
    }

    /** Node a on {@code server}, closed after the test; returns its broker, to publish on. */
    private MessageBroker publisher(NatsServer server) {
        ActorSystem a = system("node-a");
        MessageBroker brokerA = MessageBroker.builder(a).build();
        keep(node(a, brokerA, server, "node-a"));
        return brokerA;
    }

    @Test
    void deliveriesThatNeverArriveAreReadFromTheStreamInOrder() throws Exception {
        NatsServer server = jetStreamServer();
        MessageBroker brokerA = publisher(server);
        ActorSystem b = system("node-b");
        MessageBroker brokerB = MessageBroker.builder(b).build();
        node(b, brokerB, server, "node-b").close(); // b's durable consumer exists; b is down
        for (long i = 0; i < 10; i++) {
            brokerA.publish("audit/x", new Entry("a", i));
        }
        // The first five deliveries to b's consumer are taken and never acknowledged, as
        // deliveries lost with a server that failed: the server would send them again only
        // after its 30 s acknowledgement wait, behind the five after them.
        Connection raw = Nats.connect(server.url());
        try {
            FetchConsumer lost = raw.getConsumerContext("HYPHAE_hyphae_t", Subjects.token("node-b")).fetchMessages(5);
            for (int i = 0; i < 5; i++) {
                assertNotNull(lost.nextMessage(), "delivery " + i + " of the five taken");
            }
        } finally {
            raw.close();
        }
        Queue<Object> atB = new ConcurrentLinkedQueue<>();
        brokerB.subscribe("audit/+", b.spawnAnonymous(ctx -> atB::add));
        keep(node(b, brokerB, server, "node-b"));
        await("all ten at b, well before the redelivery", () -> atB.size() >= 10);
        Thread.sleep(300);
        assertInOrderOnce(atB, 0, 10);
    }

    @Test
    void aMessageTheCodecThrowsOnIsRejectedAndTheRestStillArriveInOrder() throws Exception {
        NatsServer server = jetStreamServer();
        MessageBroker brokerA = publisher(server);
        ActorSystem b = system("node-b");
        MessageBroker brokerB = MessageBroker.builder(b).build();
        Queue<Object> atB = new ConcurrentLinkedQueue<>();
        brokerB.subscribe("audit/+", b.spawnAnonymous(ctx -> atB::add));
        MessageCodec failsOnThree = new MessageCodec() {
            @Override
            public Encoded encode(Object message) {
                return CODEC.encode(message);
            }

            @Override
            public Object decode(String type, byte[] bytes) {
                Object m = CODEC.decode(type, bytes);
                if (m.equals(new Entry("a", 3))) {
                    throw new IllegalStateException("a codec bug");
                }
                return m;
            }
        };
        NatsCluster nb = keep(NatsCluster.builder(b, brokerB).servers(server.url()).node("node-b")
                .durableTopics("audit/#").codec(failsOnThree).durability(1, Duration.ofSeconds(1)).connect());
        for (long i = 0; i < 6; i++) {
            brokerA.publish("audit/x", new Entry("a", i));
        }
        await("the five it can decode", () -> atB.size() >= 5);
        Thread.sleep(300);
        assertEquals(List.of(new Entry("a", 0), new Entry("a", 1), new Entry("a", 2), new Entry("a", 4),
                new Entry("a", 5)), List.copyOf(atB));
        assertEquals(1, nb.metrics().undecodable(), "the one the codec threw on was rejected, once");
    }

    @Test
    void threeReplicasLoseNothingAndDuplicateNothingWhenTheServerAPublisherUsesIsKilled() throws Exception {
        List<NatsServer> servers = NatsServer.cluster(3, true);
        servers.forEach(this::keep);
        List<String> urls = servers.stream().map(NatsServer::url).toList();
        ActorSystem a = system("node-a");
        MessageBroker brokerA = MessageBroker.builder(a).build();
        NatsCluster na = keep(connectWhenReady(a, brokerA, "node-a", urls));
        ActorSystem b = system("node-b");
        MessageBroker brokerB = MessageBroker.builder(b).build();
        Queue<Object> atB = new ConcurrentLinkedQueue<>();
        brokerB.subscribe("audit/+", b.spawnAnonymous(ctx -> atB::add));
        NatsCluster nb = keep(connectWhenReady(b, brokerB, "node-b", List.of(urls.get(2), urls.get(1), urls.get(0))));

        int n = 2_000;
        for (long i = 0; i < n; i++) {
            if (i == n / 2) {
                servers.get(0).kill(); // node a's server; the stream's leader may be on it
            }
            brokerA.publish("audit/x", new Entry("a", i)); // waits out the failover; throws after 20 s
        }
        await("all at b", () -> atB.size() >= n);
        Thread.sleep(500);
        assertInOrderOnce(atB, 0, n);
        na.close();
        nb.close();
    }

    /** A JetStream cluster needs a moment to elect its leaders after it starts. */
    private static NatsCluster connectWhenReady(ActorSystem s, MessageBroker broker, String name, List<String> urls)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            try {
                return NatsCluster.builder(s, broker).servers(urls.toArray(new String[0])).node(name)
                        .durableTopics("audit/#").codec(CODEC).heartbeat(Duration.ofMillis(200), Duration.ofSeconds(3))
                        .durability(3, Duration.ofSeconds(20)).connect();
            } catch (ClusterException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(250);
            }
        }
    }

    @Test
    void withoutJetStreamTheNodeDoesNotStart() throws Exception {
        NatsServer server = keep(NatsServer.start());
        ActorSystem a = system("node-a");
        ClusterException e = assertThrows(ClusterException.class,
                () -> node(a, MessageBroker.builder(a).build(), server, "node-a"));
        assertTrue(e.getMessage().contains("JetStream"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> NatsCluster.builder(a, MessageBroker.builder(a).build())
                .clusterTopics("audit/#").durableTopics("audit/x"), "a topic is durable or not");
    }
}
