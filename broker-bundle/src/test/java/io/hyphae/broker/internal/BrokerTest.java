package io.hyphae.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.AskTimeoutException;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.Subscription;
import io.hyphae.api.broker.InvalidTopicException;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.NoRespondersException;
import io.hyphae.api.broker.Published;
import io.hyphae.runtime.testsupport.Await;
import io.hyphae.testkit.ActorTestKit;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BrokerTest {

    /** The system runs on a manual clock: request timeouts pass when the test says so. */
    ActorTestKit kit;
    ActorSystem system;
    MessageBroker broker;
    final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        kit = ActorTestKit.builder().name("broker-test").dispatcherThreads(2).manualClock().build();
        system = kit.system();
        system.subscribeDeadLetters(system.spawnAnonymous(ctx -> deadLetters::add));
        broker = MessageBroker.builder(system).build();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    /** An actor that records what it receives. */
    ActorRef<Object> recorder(List<Object> into) {
        return system.spawnAnonymous(ctx -> into::add);
    }

    /** Waits until a publish that follows everything else has reached {@code into}. */
    void settle(ActorRef<Object> ref, List<Object> into) {
        Object marker = new Object();
        ref.tell(marker);
        Await.until("marker received", () -> into.contains(marker));
        into.remove(marker);
    }

    @Test
    void foundOnTheModulePathWithBothIndexes() {
        assertEquals(List.of("hash", "tree"), broker.indexes().stream().sorted().toList());
        assertEquals("hash", broker.metrics().index(), "best ranked by default");
        try (ActorSystem other = ActorSystem.builder().name("tree-test").dispatcherThreads(1).build()) {
            assertEquals("tree", MessageBroker.builder(other).index("tree").build().metrics().index());
            assertThrows(InvalidConfigurationException.class, () -> MessageBroker.builder(other).index("nope").build());
        }
    }

    @Test
    void systemPropertyChoosesTheIndex() {
        System.setProperty("hyphae.broker.index", "tree");
        try {
            assertEquals("tree", MessageBroker.builder(system).build().metrics().index());
        } finally {
            System.clearProperty("hyphae.broker.index");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"hash", "tree"})
    void deliversToMatchingSubscriptionsInOrder(String index) {
        broker.useIndex(index);
        List<Object> all = new CopyOnWriteArrayList<>();
        List<Object> user42 = new CopyOnWriteArrayList<>();
        ActorRef<Object> a = recorder(all);
        ActorRef<Object> b = recorder(user42);
        broker.subscribe("users/#", a);
        broker.subscribe("users/42/+", b);
        for (int i = 0; i < 100; i++) {
            assertEquals(2, broker.publish("users/42/events", i));
            assertEquals(1, broker.publish("users/7/events", -i));
        }
        settle(a, all);
        settle(b, user42);
        assertEquals(200, all.size());
        List<Object> expected = new java.util.ArrayList<>();
        for (int i = 0; i < 100; i++) {
            expected.add(i);
        }
        assertEquals(expected, user42, "FIFO per publisher");
        assertEquals(2, broker.metrics().subscriptions());
        assertEquals(200, broker.metrics().published());
        assertEquals(300, broker.metrics().delivered());
    }

    @Test
    void envelopesCarryTopicAndNamedSegments() {
        List<Object> got = new CopyOnWriteArrayList<>();
        ActorRef<Object> r = recorder(got);
        broker.subscribeEnvelopes("users/{id}/{kind}", r);
        broker.publish("users/42/login", "hello");
        Await.until("envelope", () -> !got.isEmpty());
        Published p = assertInstanceOf(Published.class, got.get(0));
        assertEquals("users/42/login", p.topic());
        assertEquals("hello", p.message());
        assertEquals("42", p.param("id"));
        assertEquals(Map.of("id", "42", "kind", "login"), p.params());
        assertThrows(IllegalArgumentException.class, () -> p.param("nope"));
    }

    @Test
    void cancelledSubscriptionsStopReceiving() {
        List<Object> got = new CopyOnWriteArrayList<>();
        ActorRef<Object> r = recorder(got);
        Subscription s = broker.subscribe("t", r);
        broker.subscribe("other", r);
        broker.publish("t", 1);
        s.cancel();
        s.cancel();
        assertEquals(0, broker.publish("t", 2));
        settle(r, got);
        assertEquals(List.of(1), got);
        assertEquals(1, broker.metrics().subscriptions());
    }

    @Test
    void aPublishWithoutSubscriberIsACountedDeadLetter() {
        long before = system.metrics().deadLetters();
        assertEquals(0, broker.publish("nobody/home", "hello?"));
        assertEquals(1, broker.metrics().unrouted());
        assertEquals(before + 1, system.metrics().deadLetters());
        Await.until("dead letter", () -> deadLetters.stream().anyMatch(d ->
                d.reason() == DeadLetter.Reason.NO_SUBSCRIBER && d.message().equals("hello?")
                        && d.recipient().path().equals("broker:nobody/home")));
    }

    @Test
    void subscriptionsOfATerminatedActorAreRemoved() throws Exception {
        ActorRef<Object> r = recorder(new CopyOnWriteArrayList<>());
        broker.subscribe("a/+", r);
        broker.subscribe("a/#", r);
        broker.subscribe("b", recorder(new CopyOnWriteArrayList<>()));
        assertEquals(3, broker.metrics().subscriptions());
        system.stop(r);
        system.whenTerminated(r).toCompletableFuture().get(5, TimeUnit.SECONDS);
        Await.until("removed", () -> broker.metrics().subscriptions() == 1);
        assertEquals(0, broker.publish("a/x", "x"));
        assertEquals(List.of("b"), List.copyOf(broker.subscriptions().keySet()));
        // Subscribing an actor that has already stopped leaves nothing behind.
        broker.subscribe("late", r);
        Await.until("removed at once", () -> broker.metrics().subscriptions() == 1);
    }

    /** A responder: answers "pong:" + the request's text to its reply ref. */
    record Ping(String text, ActorRef<String> replyTo) {
    }

    @Test
    void requestIsAnsweredByTheFirstReply() throws Exception {
        ActorRef<Ping> one = system.spawnAnonymous(ctx -> p -> p.replyTo().tell("one:" + p.text()));
        ActorRef<Ping> two = system.spawnAnonymous(ctx -> p -> p.replyTo().tell("two:" + p.text()));
        broker.subscribe("svc/echo", one);
        broker.subscribe("svc/+", two);
        String answer = broker.<Ping, String>request("svc/echo", r -> new Ping("hi", r), Duration.ofSeconds(5))
                .toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(answer.equals("one:hi") || answer.equals("two:hi"), answer);
        Await.until("the second reply is a late-reply dead letter", () -> deadLetters.stream()
                .anyMatch(d -> d.reason() == DeadLetter.Reason.LATE_REPLY));
    }

    @Test
    void requestWithoutResponderFailsAtOnce() {
        long unroutedBefore = broker.metrics().unrouted();
        CompletableFuture<String> f = broker.<Ping, String>request("svc/none", r -> new Ping("hi", r),
                Duration.ofSeconds(30)).toCompletableFuture();
        assertTrue(f.isDone(), "fails without waiting for the timeout");
        ExecutionException e = assertThrows(ExecutionException.class, f::get);
        assertInstanceOf(NoRespondersException.class, e.getCause());
        assertEquals(unroutedBefore, broker.metrics().unrouted(), "the caller is told; no dead letter");
    }

    @Test
    void requestTimesOutWhenNobodyAnswers() {
        ActorRef<Ping> silent = system.spawnAnonymous(ctx -> p -> { });
        broker.subscribe("svc/silent", silent);
        CompletableFuture<String> f = broker.<Ping, String>request("svc/silent", r -> new Ping("hi", r),
                Duration.ofMillis(50)).toCompletableFuture();
        kit.clock().advance(Duration.ofMillis(49));
        assertFalse(f.isDone(), "not before its timeout");
        kit.clock().advance(Duration.ofMillis(1));
        ExecutionException e = assertThrows(ExecutionException.class, () -> f.get(5, TimeUnit.SECONDS));
        assertInstanceOf(AskTimeoutException.class, e.getCause());
    }

    @Test
    void badInputIsRejectedAtEveryMethod() {
        ActorRef<Object> r = recorder(new CopyOnWriteArrayList<>());
        InvalidTopicException wild = assertThrows(InvalidTopicException.class, () -> broker.publish("a/+/c", "x"));
        assertEquals(1, wild.segment());
        assertThrows(InvalidTopicException.class, () -> broker.publish("a/#", "x"));
        assertThrows(InvalidTopicException.class, () -> broker.publish("a//b", "x"));
        assertThrows(InvalidTopicException.class, () -> broker.publish(null, "x"));
        assertThrows(NullPointerException.class, () -> broker.publish("a", null));
        InvalidTopicException bad = assertThrows(InvalidTopicException.class, () -> broker.subscribe("a/#/b", r));
        assertEquals(1, bad.segment());
        assertTrue(bad.getMessage().contains("segment 1"), bad.getMessage());
        assertThrows(InvalidTopicException.class, () -> broker.subscribe("a/b+/c", r));
        assertThrows(InvalidTopicException.class, () -> broker.subscribe("a/{1x}", r));
        assertThrows(InvalidTopicException.class, () -> broker.subscribeEnvelopes("a/{x}/{x}", r));
        assertThrows(InvalidTopicException.class, () -> broker.subscribe("", r));
        assertThrows(NullPointerException.class, () -> broker.subscribe("a", null));
        ActorRef<Object> foreign = new ActorRef<>() {
            @Override
            public void tell(Object message) {
            }

            @Override
            public String name() {
                return "foreign";
            }

            @Override
            public String path() {
                return "foreign";
            }
        };
        assertThrows(IllegalArgumentException.class, () -> broker.subscribe("a", foreign));
        assertThrows(InvalidTopicException.class, () -> broker.request("a/+", r2 -> "x", Duration.ofSeconds(1)));
        assertThrows(IllegalArgumentException.class, () -> broker.request("a", r2 -> "x", Duration.ZERO));
        assertThrows(NullPointerException.class, () -> broker.request("a", null, Duration.ofSeconds(1)));
        assertThrows(InvalidConfigurationException.class, () -> broker.useIndex("nope"));
        assertThrows(NullPointerException.class, () -> broker.useIndex(null));
        assertEquals(0, broker.metrics().subscriptions(), "nothing half-added");
        assertEquals("hash", broker.metrics().index());
    }

    @Test
    void aBetterIndexAppearingOrTheCurrentOneGoingAwayMovesTheSubscriptions() {
        Broker b = new Broker(system, List.of(new IndexFactories.Hash(), new IndexFactories.Tree()), null);
        List<Object> got = new CopyOnWriteArrayList<>();
        ActorRef<Object> r = recorder(got);
        b.subscribe("a/#", r);
        io.hyphae.api.broker.spi.TopicIndexFactory better = new io.hyphae.api.broker.spi.TopicIndexFactory() {
            @Override
            public String name() {
                return "better";
            }

            @Override
            public int ranking() {
                return 1000;
            }

            @Override
            public <S> io.hyphae.api.broker.spi.TopicIndex<S> create() {
                return new TreeTopicIndex<>();
            }
        };
        b.addIndex(better);
        assertEquals("better", b.metrics().index());
        assertEquals(1, b.publish("a/1", 1));
        b.removeIndex(better);
        assertEquals("hash", b.metrics().index(), "back to the best ranked that is left");
        assertEquals(1, b.publish("a/2", 2));
        b.configure("tree");
        assertEquals("tree", b.metrics().index());
        b.configure("missing");
        assertEquals("tree", b.metrics().index(), "an unknown configured index keeps the current one");
        b.addIndex(new io.hyphae.api.broker.spi.TopicIndexFactory() {
            @Override
            public String name() {
                return "missing";
            }

            @Override
            public int ranking() {
                return 0;
            }

            @Override
            public <S> io.hyphae.api.broker.spi.TopicIndex<S> create() {
                return new HashTopicIndex<>();
            }
        });
        assertEquals("missing", b.metrics().index(), "used once it appears, ranking notwithstanding");
        assertEquals(1, b.publish("a/3", 3));
        assertEquals(4, b.metrics().indexSwitches());
        settle(r, got);
        assertEquals(List.of(1, 2, 3), got);
    }

    @Test
    void switchingIndexKeepsEverySubscription() {
        List<Object> got = new CopyOnWriteArrayList<>();
        ActorRef<Object> r = recorder(got);
        broker.subscribe("x/+", r);
        broker.subscribeEnvelopes("y/{id}", r);
        broker.subscribe("z/#", r);
        broker.useIndex("tree");
        assertEquals("tree", broker.metrics().index());
        assertEquals(1, broker.metrics().indexSwitches());
        assertEquals(1, broker.publish("x/1", "a"));
        assertEquals(1, broker.publish("y/2", "b"));
        assertEquals(1, broker.publish("z", "c"));
        broker.useIndex("hash");
        assertEquals(1, broker.publish("z/q/r", "d"));
        settle(r, got);
        assertEquals(4, got.size());
    }
}
