package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.MailboxFullException;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Moving live actors between mailbox factories: the API, pinning, and factories coming and going. */
class MailboxSwapTest {

    /** A second factory: the built-in queues under another name and ranking. */
    static final class OtherFactory implements MailboxFactory {
        private final String name;
        private final int ranking;
        private final Set<MailboxCapability> capabilities;
        /** Mailboxes made. */
        final AtomicInteger made = new AtomicInteger();

        OtherFactory(String name, int ranking, Set<MailboxCapability> capabilities) {
            this.name = name;
            this.ranking = ranking;
            this.capabilities = capabilities;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public int ranking() {
            return ranking;
        }

        @Override
        public Set<MailboxCapability> capabilities() {
            return capabilities;
        }

        @Override
        public <E> MailboxQueue<E> create(MailboxSpec spec) {
            made.incrementAndGet();
            return new BuiltinMailboxFactory().create(spec);
        }
    }

    private final OtherFactory other = new OtherFactory("other", -1, EnumSet.allOf(MailboxCapability.class));
    private HyphaeActorSystem system;

    @BeforeEach
    void start() {
        system = (HyphaeActorSystem) ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName("swap").withDispatcherThreads(2))
                .mailboxFactory(other).build();
    }

    @AfterEach
    void stop() {
        system.close();
    }

    private String mailboxOf(ActorRef<?> ref) {
        return system.metrics(ref).orElseThrow().mailbox();
    }

    /** Blocks on every negative message until the next latch is released; records the rest. */
    private ActorRef<Integer> gated(List<CountDownLatch> entered, List<CountDownLatch> release, List<Integer> got) {
        return system.spawn(ctx -> m -> {
            if (m < 0) {
                entered.get(-m - 1).countDown();
                release.get(-m - 1).await();
            } else {
                got.add(m);
            }
        }, SpawnOptions.defaults().withMailbox(MailboxSpec.bounded(3, Overflow.REJECT)));
    }

    @Test
    void aBusyActorFinishesItsMessageFirstThenMovesWithItsOrderCapacityAndPolicy() throws Exception {
        List<CountDownLatch> entered = List.of(new CountDownLatch(1), new CountDownLatch(1));
        List<CountDownLatch> release = List.of(new CountDownLatch(1), new CountDownLatch(1));
        List<Integer> got = new CopyOnWriteArrayList<>();
        ActorRef<Integer> ref = gated(entered, release, got);
        ref.tell(-1);
        assertTrue(entered.get(0).await(5, TimeUnit.SECONDS));
        ref.tell(1);
        ref.tell(2);
        CompletableFuture<Boolean> moved = system.swapMailbox(ref, "other").toCompletableFuture();
        ref.tell(3);
        Thread.sleep(50); // time to move too early, which would be wrong
        assertFalse(moved.isDone(), "moved while the actor was busy with a message");
        assertThrows(MailboxFullException.class, () -> ref.tell(4));
        release.get(0).countDown();
        assertTrue(moved.get(5, TimeUnit.SECONDS));
        assertEquals("other", mailboxOf(ref));
        Await.until("1, 2, 3 handled", () -> got.size() == 3);
        assertEquals(List.of(1, 2, 3), got);
        // The new mailbox holds three and rejects the fourth, like the old one.
        ref.tell(-2);
        assertTrue(entered.get(1).await(5, TimeUnit.SECONDS));
        ref.tell(5);
        ref.tell(6);
        ref.tell(7);
        MailboxFullException full = assertThrows(MailboxFullException.class, () -> ref.tell(8));
        assertTrue(full.getMessage().contains("capacity 3"), full.getMessage());
        release.get(1).countDown();
        Await.until("5, 6, 7 handled", () -> got.size() == 6);
        assertEquals(List.of(1, 2, 3, 5, 6, 7), got);
    }

    @Test
    void aSingleActorSwapPinsItAndASystemSwapMovesTheRest() throws Exception {
        ActorRef<Object> pinned = system.spawnAnonymous(ctx -> m -> { });
        ActorRef<Object> follower = system.spawnAnonymous(ctx -> m -> { });
        assertEquals("builtin", mailboxOf(pinned));
        assertTrue(system.swapMailbox(pinned, "other").toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertFalse(system.swapMailbox(pinned, "other").toCompletableFuture().get(5, TimeUnit.SECONDS),
                "already there");
        assertEquals("other", mailboxOf(pinned));
        assertEquals("builtin", mailboxOf(follower));
        assertEquals(1, system.swapMailboxes("other").toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals("other", mailboxOf(follower));
        assertEquals(1, system.swapMailboxes("builtin").toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals("builtin", mailboxOf(follower));
        assertEquals("other", mailboxOf(pinned), "a pinned actor stays");
        assertEquals("builtin", system.metrics().mailboxFactory());
    }

    @Test
    void configuringAnotherPreferredFactoryMovesLiveActors() {
        ActorRef<Object> a = system.spawnAnonymous(ctx -> m -> { });
        system.reconfigure(ActorSystemConfig.defaults().withName("swap").withDispatcherThreads(2)
                .withMailboxFactory("other"));
        Await.until("the actor on the configured factory", () -> mailboxOf(a).equals("other"));
        assertEquals("other", system.metrics().mailboxFactory());
    }

    @Test
    void childrenMoveWithTheirParents() throws Exception {
        CompletableFuture<ActorRef<Object>> child = new CompletableFuture<>();
        system.spawn(ctx -> {
            child.complete(ctx.spawn(c -> m -> { }, "child"));
            return m -> { };
        }, "parent");
        ActorRef<Object> c = child.get(5, TimeUnit.SECONDS);
        assertEquals(2, system.swapMailboxes("other").toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals("other", mailboxOf(c));
    }

    @Test
    void aFactoryGoingAwayMovesItsActorsOffBeforeRemovalReturns() throws Exception {
        OtherFactory better = new OtherFactory("better", 50, EnumSet.allOf(MailboxCapability.class));
        system.addMailboxFactory(better);
        ActorRef<Object> a = system.spawnAnonymous(ctx -> m -> { });
        assertEquals("better", mailboxOf(a));
        ActorRef<Object> pinned = system.spawn(ctx -> m -> { }, SpawnOptions.defaults().withMailboxFactory("better"));
        system.removeMailboxFactory(better);
        assertEquals("builtin", mailboxOf(a));
        assertEquals("builtin", mailboxOf(pinned), "a pinned actor falls back when its factory goes");
        system.addMailboxFactory(better);
        Await.until("both back on the better-ranked factory",
                () -> mailboxOf(a).equals("better") && mailboxOf(pinned).equals("better"));
    }

    @Test
    void aNamedSpawnGetsTheBestRankedFactoryOfThatNameWhileTheyComeAndGo() {
        OtherFactory low = new OtherFactory("twin", 5, EnumSet.allOf(MailboxCapability.class));
        OtherFactory high = new OtherFactory("twin", 50, EnumSet.allOf(MailboxCapability.class));
        SpawnOptions twin = SpawnOptions.defaults().withMailboxFactory("twin");
        system.addMailboxFactory(low);
        system.addMailboxFactory(high);
        system.spawn(ctx -> m -> { }, twin);
        assertEquals(List.of(0, 1), List.of(low.made.get(), high.made.get()));
        system.removeMailboxFactory(high);
        int before = low.made.get();
        system.spawn(ctx -> m -> { }, twin);
        assertEquals(before + 1, low.made.get(), "the other 'twin' once the better one has gone");
        system.removeMailboxFactory(low);
        InvalidConfigurationException e = assertThrows(InvalidConfigurationException.class,
                () -> system.spawn(ctx -> m -> { }, twin));
        assertTrue(e.getMessage().contains("no mailbox factory named 'twin'"), e.getMessage());
        assertEquals(1, high.made.get());
    }

    @Test
    void anActorPinnedAtSpawnStaysThroughASystemSwapAndReportsItsPin() throws Exception {
        ActorRef<Object> pinned = system.spawn(ctx -> m -> { },
                SpawnOptions.defaults().withName("pinned").withMailboxFactory("builtin"));
        ActorRef<Object> follower = system.spawn(ctx -> m -> { }, "follower");
        assertEquals(1, system.swapMailboxes("other").toCompletableFuture().get(5, TimeUnit.SECONDS));
        assertEquals("builtin", mailboxOf(pinned));
        assertEquals("other", mailboxOf(follower));
        Map<String, String> pins = new HashMap<>();
        system.inspect(Duration.ofSeconds(5)).forEach(a -> pins.put(a.path(), String.valueOf(a.pinned())));
        assertEquals("builtin", pins.get("pinned"));
        assertEquals("null", pins.get("follower"));
        // Pinned by a single-actor swap, it reports the new pin.
        assertTrue(system.swapMailbox(pinned, "other").toCompletableFuture().get(5, TimeUnit.SECONDS));
        system.inspect(Duration.ofSeconds(5)).forEach(a -> pins.put(a.path(), String.valueOf(a.pinned())));
        assertEquals("other", pins.get("pinned"));
    }

    @Test
    void removingAFactoryWaitsUntilABusyActorHasMovedOff() throws Exception {
        OtherFactory better = new OtherFactory("better", 50, EnumSet.allOf(MailboxCapability.class));
        system.addMailboxFactory(better);
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<String> busy = system.spawn(ctx -> m -> {
            entered.countDown();
            release.await();
        }, "busy");
        assertEquals("better", mailboxOf(busy));
        busy.tell("work");
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        CompletableFuture<Void> removal = CompletableFuture.runAsync(() -> system.removeMailboxFactory(better));
        Thread.sleep(50); // time to return too early, which would be wrong
        assertFalse(removal.isDone(), "removal returned while an actor still used the factory's queue");
        release.countDown();
        removal.get(5, TimeUnit.SECONDS);
        assertEquals("builtin", mailboxOf(busy));
    }

    @Test
    void badSwapsAreTypedErrors() throws Exception {
        ActorRef<Object> a = system.spawnAnonymous(ctx -> m -> { });
        assertThrows(InvalidConfigurationException.class, () -> system.swapMailboxes("nope"));
        assertThrows(InvalidConfigurationException.class, () -> system.swapMailbox(a, "nope"));
        assertThrows(NullPointerException.class, () -> system.swapMailboxes(null));
        OtherFactory unboundedOnly = new OtherFactory("unbounded-only", -5, EnumSet.of(MailboxCapability.UNBOUNDED));
        system.addMailboxFactory(unboundedOnly);
        // Adding a factory starts a walk of its own; an inspection reaches every actor
        // after it, so that walk cannot move an actor during the swap counted below.
        system.inspect(Duration.ofSeconds(5));
        ActorRef<Object> bounded = system.spawn(ctx -> m -> { },
                SpawnOptions.defaults().withMailbox(MailboxSpec.bounded(4, Overflow.DROP_NEWEST)));
        assertThrows(InvalidConfigurationException.class, () -> system.swapMailbox(bounded, "unbounded-only"));
        assertEquals(1, system.swapMailboxes("unbounded-only").toCompletableFuture().get(5, TimeUnit.SECONDS),
                "only the actor whose shape it can make moves");
        assertEquals("builtin", mailboxOf(bounded));
        try (ActorSystem another = ActorSystem.builder().config(ActorSystemConfig.defaults().withName("x")).build()) {
            ActorRef<Object> foreign = another.spawnAnonymous(ctx -> m -> { });
            assertThrows(IllegalArgumentException.class, () -> system.swapMailbox(foreign, "other"));
        }
        system.stop(a);
        system.whenTerminated(a).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertFalse(system.swapMailbox(a, "other").toCompletableFuture().get(5, TimeUnit.SECONDS),
                "a stopped actor does not move");
    }
}
