package io.hyphae.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.AskTimeoutException;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.Subscription;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.NoRespondersException;
import io.hyphae.api.broker.spi.BrokerBridge;
import io.hyphae.runtime.testsupport.Await;
import io.hyphae.testkit.ActorTestKit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A bridge on the broker: it gets the publishes of the topics it carries before the local
 * subscribers, can refuse them, keeps carried topics out of the dead letters, lets requests
 * wait for remote answers, and attaching or detaching it while publishers run costs no
 * local delivery.
 */
class BridgeTest {

    private ActorTestKit kit;
    private MessageBroker broker;
    private final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    @BeforeEach
    void start() {
        kit = ActorTestKit.builder().name("bridge-test").dispatcherThreads(2).manualClock().build();
        kit.system().subscribeDeadLetters(kit.system().spawnAnonymous(ctx -> deadLetters::add));
        broker = MessageBroker.builder(kit.system()).build();
    }

    @AfterEach
    void stop() {
        kit.close();
    }

    private ActorRef<Object> recorder(List<Object> into) {
        return kit.system().spawnAnonymous(ctx -> into::add);
    }

    /** Waits until a message told after everything else has reached {@code into}. */
    private static void settle(ActorRef<Object> ref, List<Object> into) {
        Object marker = new Object();
        ref.tell(marker);
        Await.until("marker received", () -> into.contains(marker));
        into.remove(marker);
    }

    /** Carries {@code remote/#} and records what it was handed. */
    static final class Recorder implements BrokerBridge {
        final List<Object> forwarded = new CopyOnWriteArrayList<>();
        volatile boolean refuse;

        @Override
        public boolean carries(String topic) {
            return topic.startsWith("remote/");
        }

        @Override
        public void forward(String topic, Object message) {
            if (refuse) {
                throw new IllegalArgumentException("cannot carry " + message);
            }
            forwarded.add(topic + "=" + message);
        }
    }

    @Test
    void carriedTopicsGoToTheBridgeFirstAndAreNoDeadLettersWithoutLocalSubscribers() {
        Recorder bridge = new Recorder();
        Subscription attached = broker.bridge(bridge);
        assertThrows(IllegalStateException.class, () -> broker.bridge(new Recorder()), "one bridge at a time");
        List<Object> local = new CopyOnWriteArrayList<>();
        ActorRef<Object> r = recorder(local);
        broker.subscribe("remote/a", r);
        assertEquals(1, broker.publish("remote/a", "x"));
        assertEquals(0, broker.publish("remote/b", "y"), "no local subscriber");
        assertEquals(0, broker.publish("local/c", "z"));
        settle(r, local);
        assertEquals(List.of("x"), local);
        assertEquals(List.of("remote/a=x", "remote/b=y"), bridge.forwarded);
        Await.until("the local dead letter", () -> deadLetters.stream().anyMatch(d -> d.message().equals("z")));
        assertFalse(deadLetters.stream().anyMatch(d -> d.message().equals("y")), "carried elsewhere: " + deadLetters);

        bridge.refuse = true;
        assertThrows(IllegalArgumentException.class, () -> broker.publish("remote/a", "refused"));
        bridge.refuse = false;
        attached.cancel();
        assertEquals(1, broker.publish("remote/a", "after"));
        assertEquals(2, bridge.forwarded.size(), "detached");
        settle(r, local);
        assertEquals(List.of("x", "after"), local, "the refused publish reached nobody");
        broker.bridge(new Recorder()).cancel(); // free again
    }

    @Test
    void aRequestOnACarriedTopicWaitsForItsTimeoutInsteadOfFindingNoResponders() throws Exception {
        broker.bridge(new Recorder());
        CompletableFuture<Object> carried = broker.<String, Object>request("remote/q", reply -> "q",
                Duration.ofMillis(50)).toCompletableFuture();
        CompletableFuture<Object> local = broker.<String, Object>request("local/q", reply -> "q",
                Duration.ofMillis(50)).toCompletableFuture();
        assertInstanceOf(NoRespondersException.class, assertThrows(ExecutionException.class, local::get).getCause());
        assertFalse(carried.isDone());
        kit.clock().advance(Duration.ofMillis(50));
        assertInstanceOf(AskTimeoutException.class, assertThrows(ExecutionException.class, carried::get).getCause());
    }

    @Test
    void attachingAndDetachingWhilePublishersRunLosesNoLocalDelivery() throws Exception {
        List<Object> local = new CopyOnWriteArrayList<>();
        ActorRef<Object> r = recorder(local);
        broker.subscribe("remote/+", r);
        int perSender = 20_000;
        AtomicBoolean stop = new AtomicBoolean();
        AtomicInteger bridges = new AtomicInteger();
        Thread toggler = new Thread(() -> {
            while (!stop.get()) {
                broker.bridge(new Recorder()).cancel();
                bridges.incrementAndGet();
            }
        });
        toggler.start();
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < 2; s++) {
            String topic = "remote/s" + s;
            Thread t = new Thread(() -> {
                for (int i = 0; i < perSender; i++) {
                    assertEquals(1, broker.publish(topic, topic + ":" + i));
                }
            });
            senders.add(t);
            t.start();
        }
        for (Thread t : senders) {
            t.join();
        }
        stop.set(true);
        toggler.join();
        settle(r, local);
        assertEquals(2 * perSender, local.size());
        for (int s = 0; s < 2; s++) {
            String prefix = "remote/s" + s + ":";
            List<Object> mine = local.stream().filter(m -> ((String) m).startsWith(prefix)).toList();
            for (int i = 0; i < perSender; i++) {
                assertEquals(prefix + i, mine.get(i), "per-sender order, nothing lost or twice");
            }
        }
        assertTrue(bridges.get() > 0);
        assertTrue(deadLetters.stream().noneMatch(d -> d.reason() == DeadLetter.Reason.NO_SUBSCRIBER));
    }
}
