package io.hyphae.mailbox.jctools.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * System messages overtake user messages under load, for every mailbox factory and shape:
 * with 10^6 messages queued behind a busy handler, a stop ends the actor after that
 * handler (the rest become dead letters), and a restart gives the fresh instance the whole
 * queue.
 */
class SystemMessagesFirstTest {

    private static final int QUEUED = 1_000_000;

    private static ActorSystem system(String name) {
        return ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName(name).withDispatcherThreads(2))
                .build();
    }

    private static SpawnOptions options(String factory, boolean bounded) {
        return SpawnOptions.defaults().withMailboxFactory(factory)
                .withMailbox(bounded ? MailboxSpec.bounded(QUEUED + 16, Overflow.REJECT) : MailboxSpec.unbounded());
    }

    @ParameterizedTest(name = "{0}, bounded {1}")
    @CsvSource({"builtin, false", "builtin, true", "jctools, false", "jctools, true"})
    void stopOvertakesAMillionQueuedMessages(String factory, boolean bounded) throws Exception {
        try (ActorSystem system = system("stop-" + factory + bounded)) {
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicLong handled = new AtomicLong();
            ActorRef<Integer> actor = system.spawn(ctx -> m -> {
                handled.incrementAndGet();
                if (m == 0) {
                    busy.countDown();
                    release.await();
                }
            }, options(factory, bounded));
            actor.tell(0);
            assertTrue(busy.await(5, TimeUnit.SECONDS));
            for (int i = 1; i <= QUEUED; i++) {
                actor.tell(i);
            }
            long deadBefore = system.metrics().deadLetters();
            system.stop(actor);
            release.countDown();
            system.whenTerminated(actor).toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(1, handled.get(), "the stop waited for no queued message");
            assertEquals(QUEUED, system.metrics().deadLetters() - deadBefore, "every queued message is a dead letter");
        }
    }

    @ParameterizedTest(name = "{0}, bounded {1}")
    @CsvSource({"builtin, false", "builtin, true", "jctools, false", "jctools, true"})
    void restartOvertakesAMillionQueuedMessages(String factory, boolean bounded) throws Exception {
        try (ActorSystem system = system("restart-" + factory + bounded)) {
            CountDownLatch busy = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            AtomicInteger instances = new AtomicInteger();
            AtomicLong byFirst = new AtomicLong();
            AtomicLong bySecond = new AtomicLong();
            ActorRef<Integer> actor = system.spawn(ctx -> {
                int instance = instances.incrementAndGet();
                return m -> {
                    (instance == 1 ? byFirst : bySecond).incrementAndGet();
                    if (m == 0) {
                        busy.countDown();
                        release.await();
                        throw new IllegalStateException("fails with a million messages behind it");
                    }
                };
            }, options(factory, bounded).withFailureLogging(false));
            actor.tell(0);
            assertTrue(busy.await(5, TimeUnit.SECONDS));
            for (int i = 1; i <= QUEUED; i++) {
                actor.tell(i);
            }
            release.countDown();
            Await.progress("messages handled by the fresh instance", QUEUED, Duration.ofSeconds(10), bySecond::get);
            assertEquals(1, byFirst.get(), "the failed instance handled nothing after its failure");
            assertEquals(2, instances.get());
        }
    }
}
