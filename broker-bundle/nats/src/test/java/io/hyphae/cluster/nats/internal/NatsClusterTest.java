package io.hyphae.cluster.nats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.broker.InvalidTopicException;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.cluster.nats.ClusterException;
import io.hyphae.cluster.nats.CodecException;
import io.hyphae.cluster.nats.MessageCodec;
import io.hyphae.cluster.nats.MessageCodecs;
import io.hyphae.cluster.nats.NatsCluster;
import io.hyphae.cluster.nats.testsupport.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Nats;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Two nodes (two actor systems, each with its broker and its own NATS connection) on a real
 * server: cluster topics reach the other node once, local subscribers get local publishes
 * once, and bad input is a typed error or a dead letter with a reason.
 */
class NatsClusterTest extends NodeTest {

    record Order(String item, int quantity) {
    }

    enum Status { OPEN, SHIPPED }

    record Secret(String text) {
    }

    private NatsCluster node(ActorSystem s, NatsServer server, MessageCodec codec, String... topics) {
        return keep(NatsCluster.builder(s, MessageBroker.builder(s).build()).servers(server.url())
                .node(s.name()).clusterTopics(topics).codec(codec).connect());
    }

    private static ActorRef<Object> recorder(ActorSystem s, Queue<Object> into) {
        return s.spawnAnonymous(ctx -> into::add);
    }

    @Test
    void clusterTopicsReachTheOtherNodeOnceAndLocalOnesStayLocal() throws Exception {
        NatsServer server = keep(NatsServer.start());
        MessageCodec codec = MessageCodecs.json(Order.class, Status.class);
        ActorSystem a = system("node-a");
        ActorSystem b = system("node-b");
        NatsCluster na = node(a, server, codec, "orders/#", "status/+");
        NatsCluster nb = node(b, server, codec, "orders/#", "status/+");
        Queue<Object> atA = new ConcurrentLinkedQueue<>();
        Queue<Object> atB = new ConcurrentLinkedQueue<>();
        Queue<Object> localOnlyAtB = new ConcurrentLinkedQueue<>();
        na.broker().subscribe("orders/+", recorder(a, atA));
        nb.broker().subscribe("orders/+", recorder(b, atB));
        nb.broker().subscribe("status/{id}", recorder(b, atB));
        nb.broker().subscribe("local/#", recorder(b, localOnlyAtB));
        Thread.sleep(100); // the subscriptions reach the server
        for (int i = 0; i < 100; i++) {
            assertEquals(1, na.broker().publish("orders/eu", new Order("apple", i)), "one local subscriber");
        }
        na.broker().publish("status/42", Status.SHIPPED);
        na.broker().publish("orders", new Order("pear", 1)); // matches orders/# (clustered) but not orders/+
        assertEquals(0, na.broker().publish("local/x", "stays here"), "not a cluster topic, no local subscriber");
        await("101 at b", () -> atB.size() == 101);
        await("100 at a", () -> atA.size() == 100);
        Thread.sleep(200);
        assertEquals(101, atB.size(), "nothing twice");
        assertEquals(100, atA.size(), "the publisher's own node gets each once, not echoed back");
        List<Object> orders = atB.stream().filter(o -> o instanceof Order).toList();
        for (int i = 0; i < 100; i++) {
            assertEquals(new Order("apple", i), orders.get(i), "in order, equal values");
        }
        assertTrue(atB.contains(Status.SHIPPED));
        assertTrue(localOnlyAtB.isEmpty());
        assertEquals(102, na.metrics().forwarded());
        assertEquals(102, nb.metrics().received());
        // At a only local/x, which is not a cluster topic, found no subscriber; orders and
        // status/42 had none at a either, but their subscribers may be on other nodes.
        assertEquals(1, a.metrics().deadLetters(), "a cluster topic without a local subscriber is no dead letter");
        assertEquals(0, b.metrics().deadLetters());
        assertTrue(na.metrics().connected());
    }

    @Test
    void whatCannotBeDecodedIsADeadLetterWithAReasonNeverAMessage() throws Exception {
        NatsServer server = keep(NatsServer.start());
        ActorSystem a = system("sender");
        ActorSystem b = system("receiver");
        NatsCluster na = node(a, server, MessageCodecs.json(Order.class, Secret.class), "t/#");
        NatsCluster nb = node(b, server, MessageCodecs.json(Order.class), "t/#");
        Queue<Object> atB = new ConcurrentLinkedQueue<>();
        Queue<DeadLetter> dead = new ConcurrentLinkedQueue<>();
        nb.broker().subscribe("t/#", recorder(b, atB));
        b.subscribeDeadLetters(b.spawnAnonymous(ctx -> dead::add));
        Thread.sleep(100);
        na.broker().publish("t/1", new Secret("not for b"));
        Connection raw = Nats.connect(server.url());
        try {
            byte[] rawNode = Frames.nodeName("raw");
            raw.publish("hyphae.t.t.2", Frames.frame(Order.class.getName(), rawNode,
                    "{not json".getBytes(StandardCharsets.UTF_8)));
            raw.publish("hyphae.t.t.3", "not a frame".getBytes(StandardCharsets.UTF_8));
            raw.publish("hyphae.t.t.4", Frames.frame("java.lang.Runtime", rawNode, "{}".getBytes(StandardCharsets.UTF_8)));
            raw.flush(Duration.ofSeconds(5));
        } finally {
            raw.close();
        }
        na.broker().publish("t/5", new Order("fine", 1));
        await("the good one", () -> atB.contains(new Order("fine", 1)));
        await("four dead letters", () -> dead.size() == 4);
        assertEquals(List.of(new Order("fine", 1)), List.copyOf(atB), "nothing undecodable reached the actor");
        for (DeadLetter d : dead) {
            assertEquals(DeadLetter.Reason.UNDECODABLE, d.reason(), d.toString());
        }
        assertTrue(dead.stream().anyMatch(d -> d.message().toString().contains(Secret.class.getName())), dead::toString);
        assertTrue(dead.stream().anyMatch(d -> d.message().toString().contains("malformed " + Order.class.getName())),
                dead::toString);
        assertTrue(dead.stream().anyMatch(d -> d.message().toString().contains("not a Hyphae frame")), dead::toString);
        assertTrue(dead.stream().anyMatch(d -> d.message().toString().contains("java.lang.Runtime")), dead::toString);
        assertEquals(4, nb.metrics().undecodable());
        // The receiving system still works.
        CountDownLatch alive = new CountDownLatch(1);
        b.<String>spawnAnonymous(ctx -> m -> alive.countDown()).tell("ping");
        assertTrue(alive.await(5, TimeUnit.SECONDS));
    }

    @Test
    void aMessageThatCannotTravelFailsThePublishBeforeAnyDelivery() throws Exception {
        NatsServer server = keep(NatsServer.start("max_payload: 1024"));
        ActorSystem a = system("strict");
        NatsCluster na = node(a, server, MessageCodecs.json(Order.class), "t/#");
        Queue<Object> local = new ConcurrentLinkedQueue<>();
        na.broker().subscribe("t/#", recorder(a, local));
        assertThrows(CodecException.class, () -> na.broker().publish("t/1", new Secret("not allowed")));
        ClusterException big = assertThrows(ClusterException.class,
                () -> na.broker().publish("t/2", new Order("x".repeat(2_000), 1)));
        assertTrue(big.getMessage().contains("1024"), big.getMessage());
        assertThrows(NullPointerException.class, () -> na.broker().publish("t/3", null));
        assertThrows(InvalidTopicException.class, () -> na.broker().publish("t/+", new Order("a", 1)));
        na.broker().publish("t/4", new Order("small", 1));
        await("the small one", () -> local.size() == 1);
        Thread.sleep(100);
        assertEquals(List.of(new Order("small", 1)), List.copyOf(local), "the refused ones reached nobody");
    }

    @Test
    void anUnreachableServerOrAWrongCredentialIsATypedErrorAndTheSystemWorksOn() throws Exception {
        ActorSystem a = system("lonely");
        MessageBroker broker = MessageBroker.builder(a).build();
        ClusterException none = assertThrows(ClusterException.class, () -> NatsCluster.builder(a, broker)
                .servers("nats://127.0.0.1:1").codec(MessageCodecs.json()).connectTimeout(Duration.ofMillis(500))
                .connect());
        assertTrue(none.getMessage().contains("nats://127.0.0.1:1"), none.getMessage());
        NatsServer secured = keep(NatsServer.start("authorization { user: hyphae, password: s3cret }"));
        assertThrows(ClusterException.class, () -> NatsCluster.builder(a, broker).servers(secured.url())
                .codec(MessageCodecs.json()).userPassword("hyphae", "wrong".toCharArray()).connect());
        NatsCluster ok = keep(NatsCluster.builder(a, broker).servers(secured.url()).codec(MessageCodecs.json())
                .userPassword("hyphae", "s3cret".toCharArray()).clusterTopics("x/#").connect());
        assertTrue(ok.metrics().connected());
        CountDownLatch alive = new CountDownLatch(1);
        a.<String>spawnAnonymous(ctx -> m -> alive.countDown()).tell("ping");
        assertTrue(alive.await(5, TimeUnit.SECONDS));
    }

    @Test
    void anNkeyTheServerKnowsIsAcceptedAndOthersAreRefused() throws Exception {
        io.nats.client.NKey user = io.nats.client.NKey.createUser(null);
        io.nats.client.NKey stranger = io.nats.client.NKey.createUser(null);
        NatsServer server = keep(NatsServer.start("authorization { users: [ { nkey: "
                + new String(user.getPublicKey()) + " } ] }"));
        ActorSystem a = system("nkeys");
        NatsCluster ok = keep(NatsCluster.builder(a, MessageBroker.builder(a).build()).servers(server.url())
                .node("signed").codec(MessageCodecs.json()).nkey(user.getSeed()).connect());
        assertTrue(ok.metrics().connected());
        assertThrows(ClusterException.class, () -> NatsCluster.builder(a, MessageBroker.builder(a).build())
                .servers(server.url()).node("stranger").codec(MessageCodecs.json()).nkey(stranger.getSeed())
                .connectTimeout(Duration.ofSeconds(1)).connect());
        assertThrows(ClusterException.class, () -> NatsCluster.builder(a, MessageBroker.builder(a).build())
                .servers(server.url()).node("anonymous").codec(MessageCodecs.json())
                .connectTimeout(Duration.ofSeconds(1)).connect());
    }

    /** The server goes away and comes back on its port: both nodes reconnect and carry on. */
    @Test
    void nodesReconnectWhenTheServerComesBack() throws Exception {
        NatsServer first = NatsServer.start();
        int port = first.port();
        MessageCodec codec = MessageCodecs.json(Order.class);
        ActorSystem a = system("re-a");
        ActorSystem b = system("re-b");
        NatsCluster na = node(a, first, codec, "t/#");
        NatsCluster nb = node(b, first, codec, "t/#");
        Queue<Object> atB = new ConcurrentLinkedQueue<>();
        nb.broker().subscribe("t/#", recorder(b, atB));
        Thread.sleep(100);
        na.broker().publish("t/1", new Order("before", 1));
        await("before", () -> atB.size() == 1);
        first.close();
        await("both see the loss", () -> !na.metrics().connected() && !nb.metrics().connected());
        Queue<Object> atA = new ConcurrentLinkedQueue<>();
        na.broker().subscribe("t/#", recorder(a, atA));
        na.broker().publish("t/2", new Order("during", 2)); // buffered by the client, local at once
        await("local delivery needs no server", () -> atA.size() == 1);
        keep(NatsServer.startOn(port));
        await("both reconnected", () -> na.metrics().connected() && nb.metrics().connected());
        Thread.sleep(300); // the subscriptions are renewed on the new server
        na.broker().publish("t/3", new Order("after", 3));
        await("after", () -> atB.contains(new Order("after", 3)));
        // What was published while the server was down is at most once (core NATS): it may
        // have been flushed before b subscribed again; nothing arrived twice.
        Thread.sleep(100);
        assertEquals(atB.size(), atB.stream().distinct().count(), atB::toString);
        assertEquals(0, na.metrics().forwardFailures(), "the client buffered the publish during the outage");
    }

    @Test
    void badSettingsAreTypedErrors() {
        ActorSystem a = system("settings");
        MessageBroker broker = MessageBroker.builder(a).build();
        NatsCluster.Builder b = NatsCluster.builder(a, broker);
        assertThrows(IllegalArgumentException.class, () -> NatsCluster.builder(a, broker).clusterTopics("a/#", "a/b"));
        assertThrows(IllegalArgumentException.class, () -> NatsCluster.builder(a, broker).clusterTopics("+/b", "a/+"));
        NatsCluster.builder(a, broker).clusterTopics("a/+", "b/+", "a/x/y"); // disjoint
        assertThrows(InvalidTopicException.class, () -> b.clusterTopics("a/#/b"));
        assertThrows(IllegalArgumentException.class, () -> b.node(" "));
        assertThrows(IllegalArgumentException.class, () -> b.subjectPrefix("bad prefix"));
        assertThrows(IllegalArgumentException.class, () -> b.connectTimeout(Duration.ZERO));
        assertThrows(IllegalStateException.class, () -> NatsCluster.builder(a, broker).codec(MessageCodecs.json())
                .connect(), "no server");
        assertThrows(IllegalStateException.class, () -> NatsCluster.builder(a, broker).servers("nats://127.0.0.1:1")
                .connect(), "no codec");
        assertThrows(IllegalArgumentException.class, () -> MessageCodecs.json(Runnable.class));
        assertFalse(NatsNode.overlap(io.hyphae.api.broker.TopicPattern.parse("a/b"),
                io.hyphae.api.broker.TopicPattern.parse("a/b/c")));
    }
}
