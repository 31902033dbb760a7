package io.hyphae.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.MailboxFullException;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import io.hyphae.testkit.ActorTestKit;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The four overflow policies, end to end through actors whose bounded mailboxes come from
 * the factory under test (which must have {@code BOUNDED}). Subclass it and return the
 * factory; each test runs on a system of its own.
 */
public abstract class MailboxOverflowContract {

    /** For subclasses. */
    protected MailboxOverflowContract() {
    }

    /** The system of the running test. */
    protected ActorSystem system;
    /** Dead letters seen by the running test. */
    protected final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    /**
     * The factory under test.
     *
     * @return the factory
     */
    protected abstract MailboxFactory factory();

    @BeforeEach
    void startSystem(TestInfo info) {
        system = ActorSystem.builder()
                .config(ActorSystemConfig.defaults()
                        .withName(info.getTestMethod().map(m -> m.getName()).orElse("test"))
                        .withDispatcherThreads(2))
                .mailboxFactory(factory())
                .build();
        system.subscribeDeadLetters(system.spawnAnonymous(ctx -> deadLetters::add));
    }

    private static void until(String what, BooleanSupplier condition) {
        ActorTestKit.awaitAssert(Duration.ofSeconds(10), () -> {
            if (!condition.getAsBoolean()) {
                throw new AssertionError("not yet: " + what);
            }
        });
    }

    @AfterEach
    void stopSystem() {
        system.close();
    }

    /** An actor that blocks on its first message until released, then records the rest. */
    private ActorRef<Integer> gated(MailboxSpec spec, CountDownLatch entered, CountDownLatch release, List<Integer> got) {
        ActorRef<Integer> ref = system.spawn(ctx -> m -> {
            if (m == 0) {
                entered.countDown();
                release.await();
            } else {
                got.add(m);
            }
        }, SpawnOptions.defaults().withMailbox(spec).withMailboxFactory(factory().name()));
        assertEquals(factory().name(), system.metrics(ref).orElseThrow().mailbox());
        ref.tell(0);
        try {
            assertTrue(entered.await(5, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
        return ref;
    }

    private long deadLettersFor(ActorRef<?> ref, DeadLetter.Reason reason) {
        return deadLetters.stream().filter(d -> d.recipient() == ref && d.reason() == reason).count();
    }

    @Test
    void rejectThrowsATypedErrorToTheSender() {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> got = new CopyOnWriteArrayList<>();
        ActorRef<Integer> ref = gated(MailboxSpec.bounded(3, Overflow.REJECT), new CountDownLatch(1), release, got);
        ref.tell(1);
        ref.tell(2);
        ref.tell(3);
        MailboxFullException e = assertThrows(MailboxFullException.class, () -> ref.tell(4));
        assertTrue(e.getMessage().contains("capacity 3"), e.getMessage());
        release.countDown();
        until("three delivered", () -> got.size() == 3);
        assertEquals(List.of(1, 2, 3), got);
        ref.tell(5);
        until("room again", () -> got.size() == 4);
    }

    @Test
    void dropNewestDeadLettersTheNewMessage() {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> got = new CopyOnWriteArrayList<>();
        ActorRef<Integer> ref = gated(MailboxSpec.bounded(2, Overflow.DROP_NEWEST), new CountDownLatch(1), release, got);
        for (int i = 1; i <= 5; i++) {
            ref.tell(i);
        }
        release.countDown();
        until("two delivered", () -> got.size() == 2);
        assertEquals(List.of(1, 2), got);
        until("three dead letters", () -> deadLettersFor(ref, DeadLetter.Reason.MAILBOX_FULL) == 3);
    }

    @Test
    void dropOldestEvictsTheHead() {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> got = new CopyOnWriteArrayList<>();
        ActorRef<Integer> ref = gated(MailboxSpec.bounded(2, Overflow.DROP_OLDEST), new CountDownLatch(1), release, got);
        for (int i = 1; i <= 5; i++) {
            ref.tell(i);
        }
        release.countDown();
        until("two delivered", () -> got.size() == 2);
        assertEquals(List.of(4, 5), got);
        until("three evicted", () -> deadLettersFor(ref, DeadLetter.Reason.EVICTED) == 3);
    }

    @Test
    void blockWaitsForRoomThenTimesOutIntoADeadLetter() {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> got = new CopyOnWriteArrayList<>();
        ActorRef<Integer> ref = gated(MailboxSpec.blocking(1, Duration.ofMillis(30)), new CountDownLatch(1),
                release, got);
        ref.tell(1);
        long before = system.metrics().deadLetters();
        long t0 = System.nanoTime();
        ref.tell(2); // the mailbox stays full for the whole timeout
        assertTrue(System.nanoTime() - t0 >= TimeUnit.MILLISECONDS.toNanos(30), "blocked for the timeout");
        assertEquals(before + 1, system.metrics().deadLetters());
        release.countDown();
        until("1 delivered", () -> got.equals(List.of(1)));
        until("2 dead-lettered", () -> deadLettersFor(ref, DeadLetter.Reason.MAILBOX_FULL) == 1);
    }

    @Test
    void blockedSenderProceedsWhenRoomAppears() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        List<Integer> got = new CopyOnWriteArrayList<>();
        ActorRef<Integer> ref = gated(MailboxSpec.blocking(1, Duration.ofSeconds(30)), new CountDownLatch(1),
                release, got);
        ref.tell(1);
        CompletableFuture<Void> sent =
                CompletableFuture.runAsync(() -> ref.tell(2));
        release.countDown();
        sent.get(10, TimeUnit.SECONDS);
        until("both delivered", () -> got.size() == 2);
        assertEquals(List.of(1, 2), got);
        assertEquals(0, deadLettersFor(ref, DeadLetter.Reason.MAILBOX_FULL));
    }
}
