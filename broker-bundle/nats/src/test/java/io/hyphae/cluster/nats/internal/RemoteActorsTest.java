package io.hyphae.cluster.nats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorUnreachableException;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.ExitReason;
import io.hyphae.api.Signal;
import io.hyphae.api.Terminated;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.receptionist.Listing;
import io.hyphae.api.receptionist.ServiceKey;
import io.hyphae.api.spi.RemoteRef;
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
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Actors across two nodes on a real server: an exported actor is told and asked through a
 * ref like a local one, refs inside messages reach their actors, and a remote actor that
 * stops, or whose node leaves, is reported to watchers and fails asks at once.
 */
class RemoteActorsTest extends NodeTest {

    /** The counter's protocol; {@code Get} carries a reply ref, {@code Greet} a ref to answer later. */
    sealed interface CounterMsg permits Add, Get, Greet, Spawn, Quit {
    }

    record Add(long n) implements CounterMsg {
    }

    record Get(ActorRef<Long> replyTo) implements CounterMsg {
    }

    record Greet(String text, ActorRef<String> to) implements CounterMsg {
    }

    record Spawn(ActorRef<Worker> replyTo) implements CounterMsg {
    }

    /** A worker's ref, sent back to the asker. */
    record Worker(ActorRef<String> ref) {
    }

    /** Stops the counter, or the worker it spawned last. */
    enum Quit implements CounterMsg { NOW, WORKER }

    record Secret(String text) {
    }

    private static final MessageCodec CODEC = MessageCodecs.json(Add.class, Get.class, Greet.class, Spawn.class,
            Worker.class, Quit.class);

    private NatsCluster node(ActorSystem s, NatsServer server) {
        return keep(NatsCluster.builder(s, MessageBroker.builder(s).build()).servers(server.url()).node(s.name())
                .clusterTopics("prices/+").codec(CODEC).heartbeat(Duration.ofMillis(100), Duration.ofMillis(1000))
                .connect());
    }

    private static ActorRef<CounterMsg> counter(ActorSystem s) {
        return s.spawn(ctx -> new Actor<CounterMsg>() {
            long total;
            ActorRef<String> worker;

            @Override
            public void receive(CounterMsg m) {
                if (m instanceof Add a) {
                    total += a.n();
                } else if (m instanceof Get g) {
                    g.replyTo().tell(total);
                } else if (m instanceof Greet g) {
                    g.to().tell(g.text() + ", " + total);
                } else if (m instanceof Spawn sp) {
                    worker = ctx.spawnAnonymous(c -> w -> { });
                    sp.replyTo().tell(new Worker(worker));
                } else if (m instanceof Quit q) {
                    ctx.stop(q == Quit.NOW ? ctx.self() : worker);
                }
            }
        }, "counter");
    }

    /** Records messages and the signals it gets; watches what it is told to. */
    private static ActorRef<Object> watcher(ActorSystem s, Queue<Object> seen) {
        return s.spawnAnonymous(ctx -> new Actor<Object>() {
            @Override
            public void receive(Object m) {
                if (m instanceof ActorRef<?> r) {
                    ctx.watch(r);
                } else {
                    seen.add(m);
                }
            }

            @Override
            public void onSignal(Signal signal) {
                seen.add(signal);
            }
        });
    }

    @Test
    void anExportedActorIsToldAndAskedLikeALocalOneAndRefsInMessagesReachTheirActors() throws Exception {
        NatsServer server = keep(NatsServer.start());
        ActorSystem a = system("node-a");
        ActorSystem b = system("node-b");
        NatsCluster na = node(a, server);
        NatsCluster nb = node(b, server);
        ActorRef<CounterMsg> local = counter(a);
        na.export("counter", local);
        assertSame(local, na.actor("counter"), "the exporting node gets its own actor");
        await("b sees the export", () -> "node-a".equals(nb.exports().get("counter")));
        assertEquals(List.of("node-a"), nb.nodes());

        ActorRef<CounterMsg> remote = nb.actor("counter");
        assertInstanceOf(RemoteRef.class, remote);
        for (int i = 1; i <= 1_000; i++) {
            remote.tell(new Add(i));
        }
        // Messages from one sender arrive in order, so the ask sees every Add.
        long total = b.<CounterMsg, Long>ask(remote, Get::new, Duration.ofSeconds(5)).toCompletableFuture().join();
        assertEquals(500_500L, total);

        // A ref inside a message: the counter answers a local actor of node b.
        Queue<Object> atB = new ConcurrentLinkedQueue<>();
        ActorRef<Object> greeter = watcher(b, atB);
        remote.tell(new Greet("hello", narrow(greeter)));
        await("the greeting", () -> atB.contains("hello, 500500"));

        // Asks from an actor of node b, in flight together.
        List<CompletableFuture<Long>> asks = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            asks.add(b.<CounterMsg, Long>ask(remote, Get::new, Duration.ofSeconds(5)).toCompletableFuture());
        }
        for (CompletableFuture<Long> f : asks) {
            assertEquals(500_500L, f.join());
        }
        assertEquals(1_202, nb.metrics().remoteSent(), "1,000 adds, one greeting, 201 asks");
        assertEquals(1_202, na.metrics().remoteReceived());
        assertEquals(202, nb.metrics().remoteReceived(), "201 replies and the greeting");
        javax.management.ObjectName bean = new javax.management.ObjectName(
                "io.hyphae:type=Cluster,node=" + javax.management.ObjectName.quote("node-b"));
        javax.management.MBeanServer jmx = java.lang.management.ManagementFactory.getPlatformMBeanServer();
        assertEquals(1_202L, jmx.getAttribute(bean, "ActorMessagesSent"));
        assertEquals(List.of("counter -> node-a"), List.of((String[]) jmx.getAttribute(bean, "Exports")));

        // Request and reply on a cluster topic: the responder is on the other node.
        nb.broker().subscribe("prices/+", b.<Get>spawnAnonymous(ctx -> g -> g.replyTo().tell(42L)));
        Thread.sleep(100);
        long price = na.broker().<Get, Long>request("prices/apple", Get::new, Duration.ofSeconds(5))
                .toCompletableFuture().join();
        assertEquals(42L, price);
    }

    @Test
    void watchersHearOfARemoteActorsDeathWithItsReasonAndMessagesAfterItAreDeadLetters() throws Exception {
        NatsServer server = keep(NatsServer.start());
        ActorSystem a = system("node-a");
        ActorSystem b = system("node-b");
        NatsCluster na = node(a, server);
        NatsCluster nb = node(b, server);
        na.export("counter", counter(a));
        await("b sees the export", () -> nb.exports().containsKey("counter"));
        ActorRef<CounterMsg> remote = nb.actor("counter");
        Queue<Object> seen = new ConcurrentLinkedQueue<>();
        ActorRef<Object> w = watcher(b, seen);
        w.tell(remote);
        CompletableFuture<Void> ended = b.whenTerminated(remote).toCompletableFuture();

        // A worker's ref comes back inside a reply; watching it asks node a to report its death.
        Worker worker = b.<CounterMsg, Worker>ask(remote, Spawn::new, Duration.ofSeconds(5)).toCompletableFuture().join();
        assertInstanceOf(RemoteRef.class, worker.ref());
        w.tell(worker.ref());
        Thread.sleep(200); // the watch request reaches node a
        remote.tell(Quit.WORKER);
        await("the worker's death", () -> seen.stream().anyMatch(s -> s instanceof Terminated t
                && t.ref().equals(worker.ref())));
        Terminated workerEnd = (Terminated) seen.stream().filter(s -> s instanceof Terminated).findFirst().orElseThrow();
        assertEquals(ExitReason.SHUTDOWN, workerEnd.reason());

        remote.tell(Quit.NOW);
        await("the counter's death", () -> seen.stream().anyMatch(s -> s instanceof Terminated t
                && t.ref().equals(remote)));
        Terminated t = (Terminated) seen.stream().filter(s -> s instanceof Terminated x && x.ref().equals(remote))
                .findFirst().orElseThrow();
        assertEquals(ExitReason.NORMAL, t.reason(), "the reason node a reported");
        ended.get(5, TimeUnit.SECONDS);
        await("b forgets the export", () -> !nb.exports().containsKey("counter"));

        // Now known gone: a tell is a dead letter here, and an ask fails at once.
        Queue<DeadLetter> dead = new ConcurrentLinkedQueue<>();
        b.subscribeDeadLetters(b.spawnAnonymous(ctx -> dead::add));
        Thread.sleep(50);
        remote.tell(new Add(1));
        await("the dead letter", () -> dead.stream().anyMatch(d -> d.message().equals(new Add(1))
                && d.reason() == DeadLetter.Reason.RECIPIENT_TERMINATED));
        CompletionException failed = assertThrows(CompletionException.class,
                () -> b.<CounterMsg, Long>ask(remote, Get::new, Duration.ofSeconds(30)).toCompletableFuture().join());
        assertInstanceOf(ActorUnreachableException.class, failed.getCause());
        assertTrue(nb.metrics().remoteDeadLetters() >= 1);
    }

    @Test
    void whenANodeLeavesItsActorsAreUnreachableAtOnce() throws Exception {
        NatsServer server = keep(NatsServer.start());
        ActorSystem a = system("node-a");
        ActorSystem b = system("node-b");
        NatsCluster na = NatsCluster.builder(a, MessageBroker.builder(a).build()).servers(server.url()).node("node-a")
                .codec(CODEC).heartbeat(Duration.ofMillis(100), Duration.ofSeconds(30)).connect();
        NatsCluster nb = node(b, server);
        na.export("silent", a.<CounterMsg>spawnAnonymous(ctx -> m -> { }));
        na.export("counter", counter(a));
        await("b sees both exports", () -> nb.exports().size() == 2);
        ActorRef<CounterMsg> silent = nb.actor("silent");
        Worker worker = b.<CounterMsg, Worker>ask(nb.actor("counter"), Spawn::new, Duration.ofSeconds(5))
                .toCompletableFuture().join();
        Queue<Object> seen = new ConcurrentLinkedQueue<>();
        ActorRef<Object> w = watcher(b, seen);
        w.tell(silent);
        w.tell(worker.ref());
        CompletableFuture<Long> pending = b.<CounterMsg, Long>ask(silent, Get::new, Duration.ofSeconds(30))
                .toCompletableFuture();
        Thread.sleep(100);

        long left = System.nanoTime();
        na.close(); // says it leaves; the 30 s failure timeout plays no part
        CompletionException failed = assertThrows(CompletionException.class, pending::join);
        assertInstanceOf(ActorUnreachableException.class, failed.getCause());
        await("both deaths", () -> seen.stream().filter(x -> x instanceof Terminated).count() == 2);
        long tookMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - left);
        assertTrue(tookMs < 5_000, "took " + tookMs + " ms");
        for (Object x : seen) {
            assertEquals(ExitReason.UNREACHABLE, ((Terminated) x).reason());
        }
        assertTrue(nb.nodes().isEmpty());
        assertTrue(nb.exports().isEmpty());
        assertInstanceOf(ActorUnreachableException.class, assertThrows(CompletionException.class,
                () -> b.<CounterMsg, Long>ask(silent, Get::new, Duration.ofSeconds(30)).toCompletableFuture().join())
                .getCause());
    }

    @Test
    void theReceptionistListsEveryNodesActorsAndTellsSubscribersOfChanges() throws Exception {
        NatsServer server = keep(NatsServer.start());
        ActorSystem a = system("node-a");
        ActorSystem b = system("node-b");
        NatsCluster na = node(a, server);
        NatsCluster nb = node(b, server);
        ServiceKey<CounterMsg> counters = ServiceKey.of("counters", CounterMsg.class);
        Queue<Listing<CounterMsg>> listings = new ConcurrentLinkedQueue<>();
        nb.receptionist().subscribe(counters, b.spawnAnonymous(ctx -> listings::add));
        await("the first, empty listing", () -> !listings.isEmpty() && listings.peek().isEmpty());

        ActorRef<CounterMsg> first = counter(a);
        na.receptionist().register(counters, first);
        await("a listing with node a's counter", () -> last(listings).refs().size() == 1);
        ActorRef<CounterMsg> remote = last(listings).refs().get(0);
        assertInstanceOf(RemoteRef.class, remote);
        remote.tell(new Add(7));
        assertEquals(7L, (long) b.<CounterMsg, Long>ask(remote, Get::new, Duration.ofSeconds(5))
                .toCompletableFuture().join());

        ActorRef<CounterMsg> mine = b.spawnAnonymous(ctx -> m -> { });
        nb.receptionist().register(counters, mine);
        await("local and remote", () -> last(listings).refs().size() == 2);
        assertSame(mine, nb.receptionist().find(counters).refs().get(0), "local registrations first");
        await("node a sees node b's too", () -> na.receptionist().find(counters).refs().size() == 2);
        assertTrue(na.receptionist().find(ServiceKey.of("counters", String.class)).isEmpty(),
                "the same id with another message type is another key");

        first.tell(Quit.NOW);
        await("node a's counter gone from the listing", () -> last(listings).refs().equals(List.of(mine)));
        ActorRef<CounterMsg> second = a.spawnAnonymous(ctx -> m -> { });
        na.receptionist().register(counters, second);
        await("node a's second actor", () -> last(listings).refs().size() == 2);
        na.close();
        await("node a left", () -> last(listings).refs().equals(List.of(mine)));
    }

    private static <T> T last(Queue<T> q) {
        T last = null;
        for (T t : q) {
            last = t;
        }
        return last;
    }

    @Test
    void badInputIsATypedErrorOrADeadLetterWithAReason() throws Exception {
        NatsServer server = keep(NatsServer.start("max_payload: 4096"));
        ActorSystem a = system("node-a");
        ActorSystem b = system("node-b");
        NatsCluster na = node(a, server);
        NatsCluster nb = node(b, server);
        ActorRef<CounterMsg> counter = counter(a);
        assertThrows(IllegalArgumentException.class, () -> na.export(" ", counter));
        assertThrows(NullPointerException.class, () -> na.export("x", null));
        assertThrows(IllegalArgumentException.class, () -> na.actor(""));
        na.export("counter", counter);
        assertThrows(ClusterException.class, () -> na.export("counter", counter), "twice on one node");
        await("b sees the export", () -> nb.exports().containsKey("counter"));
        assertThrows(ClusterException.class, () -> nb.export("counter", counter(b)), "already on node a");
        ActorRef<CounterMsg> remote = nb.actor("counter");
        assertThrows(IllegalArgumentException.class, () -> nb.export("again", remote), "a remote ref");
        assertThrows(NullPointerException.class, () -> remote.tell(null));
        ActorRef<Object> loose = narrow(remote);
        assertThrows(CodecException.class, () -> loose.tell(new Secret("not allowed")));
        assertThrows(ClusterException.class, () -> loose.tell(new Greet("x".repeat(5_000), narrow(remote))));

        Queue<DeadLetter> dead = new ConcurrentLinkedQueue<>();
        a.subscribeDeadLetters(a.spawnAnonymous(ctx -> dead::add));
        Thread.sleep(50);
        Connection raw = Nats.connect(server.url());
        try {
            raw.publish("hyphae.t~.m", "{not json".getBytes(StandardCharsets.UTF_8));
            raw.publish("hyphae.t~.m", "{\"kind\":\"beat\"}".getBytes(StandardCharsets.UTF_8));
            raw.publish("hyphae.t~.x.counter", "garbage".getBytes(StandardCharsets.UTF_8));
            raw.publish("hyphae.t~.x.counter", Frames.frame(Secret.class.getName(), Frames.nodeName("raw"),
                    "{\"text\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
            raw.flush(Duration.ofSeconds(2));
        } finally {
            raw.close();
        }
        await("four dead letters", () -> dead.stream().filter(d -> d.reason() == DeadLetter.Reason.UNDECODABLE)
                .count() == 4);
        // A name nobody exports, once node a has heard every node: a dead letter, and an ask fails at once.
        ActorRef<CounterMsg> nobody = na.actor("nobody");
        Thread.sleep(300); // two heartbeats of 100 ms since node a joined
        nobody.tell(new Add(1));
        await("the dead letter to nobody", () -> dead.stream().anyMatch(d -> d.message().equals(new Add(1))
                && d.reason() == DeadLetter.Reason.RECIPIENT_TERMINATED));
        assertInstanceOf(ActorUnreachableException.class, assertThrows(CompletionException.class,
                () -> a.<CounterMsg, Long>ask(nobody, Get::new, Duration.ofSeconds(30)).toCompletableFuture().join())
                .getCause());
        assertEquals(4, na.metrics().undecodable());
        // The node still works.
        assertEquals(0L, (long) b.<CounterMsg, Long>ask(remote, Get::new, Duration.ofSeconds(5))
                .toCompletableFuture().join());
    }

    @SuppressWarnings("unchecked")
    private static <T> ActorRef<T> narrow(ActorRef<?> ref) {
        return (ActorRef<T>) ref;
    }
}
