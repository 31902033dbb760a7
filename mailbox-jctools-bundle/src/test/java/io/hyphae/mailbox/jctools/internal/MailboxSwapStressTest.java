package io.hyphae.mailbox.jctools.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.runtime.internal.RuntimeAdmin;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * Live mailbox moves under load: producers at full speed into many actors while every
 * actor is moved back and forth between the built-in and the JCTools mailbox, some of
 * them failing and restarting meanwhile. Each actor checks every sender's sequence, so a
 * lost message shows as a gap, a duplicate or a reordering as a step back.
 */
class MailboxSwapStressTest {

    static final int SENDERS = 8;
    static final int ACTORS = 1_000;
    static final int SWAPS = Integer.getInteger("hyphae.swap.stress.swaps", 1_000);
    /** Producers pause while this many messages are sent but not handled. */
    static final long IN_FLIGHT = 200_000;

    /** Outlives restarts, so the accounting spans instances. */
    static final class Ledger {
        final long[] next = new long[SENDERS];
        final AtomicLong handled;
        final AtomicLong errors;
        String firstError;

        Ledger(AtomicLong handled, AtomicLong errors) {
            this.handled = handled;
            this.errors = errors;
        }

        void record(long[] m) {
            int sender = (int) m[0];
            if (m[1] != next[sender]) {
                if (errors.getAndIncrement() == 0) {
                    firstError = "sender " + sender + ": expected " + next[sender] + ", got " + m[1];
                }
            }
            next[sender] = m[1] + 1;
            handled.incrementAndGet();
        }
    }

    /** Records, and fails on every 500th message if it is one of the failing actors. */
    static final class Checker implements Actor<long[]> {
        private final Ledger ledger;
        private final boolean fails;

        Checker(Ledger ledger, boolean fails) {
            this.ledger = ledger;
            this.fails = fails;
        }

        @Override
        public void receive(long[] m) {
            ledger.record(m);
            if (fails && m[1] % 500 == 499) {
                throw new IllegalStateException("planned failure");
            }
        }
    }

    @Test
    void movesUnderLoadLoseDuplicateAndReorderNothing(TestReporter report) throws Exception {
        AtomicLong handled = new AtomicLong();
        AtomicLong errors = new AtomicLong();
        try (ActorSystem system = ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName("swap-stress").withDispatcherThreads(2)).build()) {
            List<ActorRef<long[]>> refs = new ArrayList<>();
            List<Ledger> ledgers = new ArrayList<>();
            for (int i = 0; i < ACTORS; i++) {
                Ledger ledger = new Ledger(handled, errors);
                boolean fails = i % 10 == 0;
                // Every fifth actor is bounded, so moves must keep a capacity and policy too;
                // another fifth is ordered by sender (each sender's messages stay in order).
                SpawnOptions options = i % 5 == 1
                        ? SpawnOptions.defaults().withMailbox(MailboxSpec.blocking(4096, Duration.ofSeconds(30)))
                        : i % 5 == 2
                        ? SpawnOptions.defaults().withMailbox(MailboxSpec.ordered(
                                Comparator.comparingLong((long[] m) -> m[0])))
                        : SpawnOptions.defaults();
                refs.add(system.spawn(ctx -> new Checker(ledger, fails), options));
                ledgers.add(ledger);
            }
            AtomicBoolean swapping = new AtomicBoolean(true);
            AtomicLong sentTotal = new AtomicLong();
            long[][] sent = new long[SENDERS][ACTORS];
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> producers = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long[] mine = sent[sender];
                    while (swapping.get()) {
                        for (int a = 0; a < ACTORS; a++) {
                            refs.get(a).tell(new long[] {sender, mine[a]++});
                        }
                        sentTotal.addAndGet(ACTORS);
                        while (sentTotal.get() - handled.get() > IN_FLIGHT && swapping.get()) {
                            Thread.yield();
                        }
                    }
                }, "producer-" + s);
                t.start();
                producers.add(t);
            }
            start.countDown();
            int moved = 0;
            for (int i = 0; i < SWAPS; i++) {
                String to = i % 2 == 0 ? "builtin" : JctoolsMailboxFactory.NAME;
                moved += system.swapMailboxes(to).toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
            swapping.set(false);
            for (Thread t : producers) {
                t.join();
            }
            long total = 0;
            for (long[] perActor : sent) {
                for (long n : perActor) {
                    total += n;
                }
            }
            Await.progress("every message handled", total, Duration.ofSeconds(60), handled::get);
            assertEquals(0, errors.get(), () -> "lost, duplicated or reordered: " + ledgers.stream()
                    .filter(l -> l.firstError != null).findFirst().map(l -> l.firstError).orElse("?"));
            assertEquals(total, handled.get());
            for (int a = 0; a < ACTORS; a++) {
                for (int s = 0; s < SENDERS; s++) {
                    assertEquals(sent[s][a], ledgers.get(a).next[s], "actor " + a + ", sender " + s);
                }
            }
            // Every swap moved every actor: they alternate between the two factories.
            assertEquals((long) SWAPS * ACTORS, moved, "actors moved");
            assertTrue(system.metrics().failures() > 0, "some actors failed and restarted meanwhile");
            RuntimeAdmin hs = (RuntimeAdmin) system;
            assertEquals(SWAPS * (long) ACTORS, hs.mailboxMoves());
            report.publishEntry("messages", Long.toString(total));
            report.publishEntry("offers rescued from a replaced mailbox", Long.toString(hs.mailboxRescues()));
        }
    }

}
