package io.hyphae.mailbox.jctools.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Stash;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestReporter;

/**
 * The stash under load: actors that stash runs of messages and unstash them, switch
 * behaviour, and fail and restart (keeping their stash), while producers send at full speed
 * and every actor moves between the built-in and the JCTools mailbox. An external ledger
 * counts each message's handlings: every one must be handled exactly once.
 */
class StashRestartSwapStressTest {

    static final int SENDERS = 4;
    static final int ACTORS = 64;
    static final int PER_SENDER_AND_ACTOR = 20_000;
    static final int SWAPS = 200;
    /** Producers pause while this many messages are sent but not handled. */
    static final long IN_FLIGHT = 100_000;

    /** Counts handlings per message, outliving restarts. */
    static final class Ledger {
        final AtomicIntegerArray[] counts = new AtomicIntegerArray[SENDERS];
        final AtomicLong handled;

        Ledger(AtomicLong handled) {
            for (int s = 0; s < SENDERS; s++) {
                counts[s] = new AtomicIntegerArray(PER_SENDER_AND_ACTOR);
            }
            this.handled = handled;
        }

        void record(long[] m) {
            counts[(int) m[0]].incrementAndGet((int) m[1]);
            handled.incrementAndGet();
        }
    }

    /**
     * Stashes runs of 37 messages, then unstashes them and handles the next few through a
     * switched behaviour. Some instances fail on every 301st message they handle, after
     * recording it, and on every third run, with 20 messages in the stash: those must reach
     * the fresh instance. Once {@code draining} is set, it handles everything directly.
     */
    static Actor<long[]> actor(ActorContext<long[]> ctx, Ledger ledger, boolean fails, AtomicBoolean draining) {
        Stash<long[]> stash = ctx.stash(64);
        int[] handledHere = new int[1];
        int[] runs = new int[1];
        return new Actor<>() {
            @Override
            public void receive(long[] m) {
                if (draining.get()) {
                    stash.unstashAll();
                    handle(m);
                    return;
                }
                stash.stash(m);
                if (fails && stash.size() == 20 && ++runs[0] % 3 == 0) {
                    throw new IllegalStateException("planned failure with 20 messages stashed");
                }
                if (stash.size() == 37) {
                    stash.unstashAll();
                    int[] left = {37};
                    ctx.become(x -> {
                        handle(x);
                        if (--left[0] == 0) {
                            ctx.unbecome();
                        }
                    });
                }
            }

            private void handle(long[] m) {
                ledger.record(m);
                if (fails && ++handledHere[0] % 301 == 0) {
                    throw new IllegalStateException("planned failure");
                }
            }
        };
    }

    @Test
    void stashRestartAndMovesUnderLoadLoseAndDuplicateNothing(TestReporter report) throws Exception {
        AtomicLong handled = new AtomicLong();
        AtomicBoolean draining = new AtomicBoolean();
        try (ActorSystem system = ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName("stash-stress").withDispatcherThreads(2)).build()) {
            List<ActorRef<long[]>> refs = new ArrayList<>();
            List<Ledger> ledgers = new ArrayList<>();
            for (int i = 0; i < ACTORS; i++) {
                Ledger ledger = new Ledger(handled);
                boolean fails = i % 4 == 0;
                refs.add(system.spawn(ctx -> actor(ctx, ledger, fails, draining),
                        SpawnOptions.defaults().withFailureLogging(false)));
                ledgers.add(ledger);
            }
            CountDownLatch start = new CountDownLatch(1);
            AtomicLong sent = new AtomicLong();
            List<Thread> producers = new ArrayList<>();
            for (int s = 0; s < SENDERS; s++) {
                int sender = s;
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int seq = 0; seq < PER_SENDER_AND_ACTOR; seq++) {
                        for (ActorRef<long[]> r : refs) {
                            r.tell(new long[] {sender, seq});
                        }
                        sent.addAndGet(ACTORS);
                        // Lost messages would keep this above the bound: give up after 30 s
                        // without progress, and let the ledger say what went missing.
                        long seen = handled.get();
                        long since = System.nanoTime();
                        while (sent.get() - handled.get() > IN_FLIGHT) {
                            Thread.yield();
                            if (handled.get() != seen) {
                                seen = handled.get();
                                since = System.nanoTime();
                            } else if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(30)) {
                                return;
                            }
                        }
                    }
                }, "producer-" + s);
                t.start();
                producers.add(t);
            }
            start.countDown();
            int moved = 0;
            for (int i = 0; i < SWAPS && producers.stream().anyMatch(Thread::isAlive); i++) {
                String to = i % 2 == 0 ? JctoolsMailboxFactory.NAME : "builtin";
                moved += system.swapMailboxes(to).toCompletableFuture().get(60, TimeUnit.SECONDS);
            }
            for (Thread t : producers) {
                t.join();
            }
            // What is still stashed comes out with the next message each actor handles.
            draining.set(true);
            long total = (long) SENDERS * ACTORS * PER_SENDER_AND_ACTOR;
            for (int i = 0; i < ACTORS; i++) {
                refs.get(i).tell(new long[] {0, 0}); // a flush, recorded like any message
            }
            try {
                Await.progress("every message handled", total + ACTORS, Duration.ofSeconds(30), handled::get);
            } catch (AssertionError e) {
                // Say which messages went missing rather than only how many.
                for (int a = 0; a < ACTORS; a++) {
                    for (int s = 0; s < SENDERS; s++) {
                        AtomicIntegerArray c = ledgers.get(a).counts[s];
                        for (int seq = 0; seq < PER_SENDER_AND_ACTOR; seq++) {
                            if (c.get(seq) != 1 && !(s == 0 && seq == 0)) {
                                throw new AssertionError(e.getMessage() + "; first: actor " + a + ", sender " + s
                                        + ", message " + seq + " handled " + c.get(seq) + " times", e);
                            }
                        }
                    }
                }
                throw e;
            }
            for (int a = 0; a < ACTORS; a++) {
                for (int s = 0; s < SENDERS; s++) {
                    AtomicIntegerArray c = ledgers.get(a).counts[s];
                    for (int seq = 0; seq < PER_SENDER_AND_ACTOR; seq++) {
                        int expected = s == 0 && seq == 0 ? 2 : 1; // the flush reused (0, 0)
                        assertEquals(expected, c.get(seq), "actor " + a + ", sender " + s + ", message " + seq);
                    }
                }
            }
            assertEquals(total + ACTORS, handled.get());
            assertTrue(system.metrics().failures() > 0, "some actors failed and restarted meanwhile");
            assertTrue(moved > 0, "actors moved between mailboxes meanwhile");
            report.publishEntry("messages", Long.toString(total));
            report.publishEntry("restarts", Long.toString(system.metrics().restarts()));
            report.publishEntry("actors moved", Integer.toString(moved));
        }
    }
}
