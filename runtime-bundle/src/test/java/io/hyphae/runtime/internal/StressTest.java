package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;

/**
 * Many producers into many actors; every message is accounted for. Size with
 * {@code -Dhyphae.stress.messages} (default 10^7).
 */
class StressTest {

    private static final long MESSAGES = Long.getLong("hyphae.stress.messages", 10_000_000L);

    /** Checks FIFO per producer, no loss, no duplicate and mutual exclusion of turns. */
    static final class Checker {
        final long[] next;
        final AtomicBoolean inside = new AtomicBoolean();
        final AtomicReference<String> violation;
        long received;

        Checker(int producers, AtomicReference<String> violation) {
            this.next = new long[producers];
            this.violation = violation;
        }

        void accept(String name, long m) {
            if (inside.getAndSet(true)) {
                violation.compareAndSet(null, name + ": two threads inside one actor");
            }
            int p = (int) (m >>> 40);
            long seq = m & ((1L << 40) - 1);
            if (seq != next[p]) {
                violation.compareAndSet(null, name + ": from producer " + p + " expected " + next[p] + " got " + seq
                        + (seq < next[p] ? " (duplicate or reordered)" : " (lost)"));
            }
            next[p] = seq + 1;
            received++;
            inside.set(false);
        }
    }

    @Test
    void producersTimesActorsLoseNothingDuplicateNothingAndKeepOrder() throws Exception {
        int producers = 4;
        int actors = 64;
        long perProducer = MESSAGES / producers;
        ActorSystem system = ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName("stress").withDispatcherThreads(2).withThroughput(50))
                .build();
        try {
            AtomicReference<String> violation = new AtomicReference<>();
            LongAdder total = new LongAdder();
            List<Checker> checkers = new ArrayList<>();
            List<ActorRef<Long>> refs = new ArrayList<>();
            for (int a = 0; a < actors; a++) {
                Checker c = new Checker(producers, violation);
                checkers.add(c);
                String name = "a" + a;
                refs.add(system.spawn(ctx -> m -> {
                    c.accept(name, m);
                    total.increment();
                }, name));
            }
            long[][] sent = new long[producers][actors];
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    long[] seq = sent[producer];
                    // A cheap xorshift spreads the messages unevenly over the actors.
                    long x = 0x9E3779B97F4A7C15L * (producer + 1);
                    for (long i = 0; i < perProducer; i++) {
                        x ^= x << 13;
                        x ^= x >>> 7;
                        x ^= x << 17;
                        int a = (int) ((x >>> 1) % actors);
                        refs.get(a).tell(((long) producer << 40) | seq[a]++);
                    }
                }, "producer-" + p);
                t.start();
                threads.add(t);
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            long expected = perProducer * producers;
            Await.progress("messages received", expected, Duration.ofSeconds(15), total::sum);
            assertNull(violation.get());
            for (int a = 0; a < actors; a++) {
                for (int p = 0; p < producers; p++) {
                    assertEquals(sent[p][a], checkers.get(a).next[p], "actor " + a + " producer " + p);
                }
            }
            assertEquals(0, system.metrics().deadLetters());
        } finally {
            system.close();
        }
    }

    /** Actors telling actors, in a ring with many tokens: every hop arrives exactly once. */
    @Test
    void actorToActorRingKeepsEveryToken() throws Exception {
        int ringSize = 100;
        int tokens = 1_000;
        int hops = (int) Math.max(100, MESSAGES / 10 / tokens);
        ActorSystem system = ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName("ring").withDispatcherThreads(2)).build();
        try {
            LongAdder finished = new LongAdder();
            LongAdder hopsDone = new LongAdder();
            List<ActorRef<int[]>> ring = new ArrayList<>();
            for (int i = 0; i < ringSize; i++) {
                int me = i;
                ring.add(system.spawnAnonymous(ctx -> token -> {
                    hopsDone.increment();
                    if (--token[0] == 0) {
                        finished.increment();
                    } else {
                        ring.get((me + 1) % ringSize).tell(token);
                    }
                }));
            }
            for (int t = 0; t < tokens; t++) {
                ring.get(t % ringSize).tell(new int[] {hops});
            }
            Await.progress("ring hops", (long) tokens * hops, Duration.ofSeconds(15), hopsDone::sum);
            assertEquals(tokens, finished.sum());
            assertEquals((long) tokens * hops, hopsDone.sum());
        } finally {
            system.close();
        }
    }

    /** With DROP_NEWEST every message is either handled or a dead letter, never both. */
    @Test
    void boundedMailboxAccountsForEveryMessage() throws Exception {
        int producers = 4;
        long perProducer = Math.max(10_000, MESSAGES / 40);
        ActorSystem system = ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName("bounded").withDispatcherThreads(2)).build();
        try {
            LongAdder handled = new LongAdder();
            AtomicReference<String> violation = new AtomicReference<>();
            long[] lastSeen = new long[producers];
            java.util.Arrays.fill(lastSeen, -1);
            ActorRef<Long> ref = system.spawn(ctx -> m -> {
                int p = (int) (m >>> 40);
                long seq = m & ((1L << 40) - 1);
                if (seq <= lastSeen[p]) {
                    violation.compareAndSet(null, "reordered or duplicated: " + seq + " after " + lastSeen[p]);
                }
                lastSeen[p] = seq;
                handled.increment();
            }, SpawnOptions.named("bounded").withMailbox(MailboxSpec.bounded(128, Overflow.DROP_NEWEST)));
            List<Thread> threads = new ArrayList<>();
            for (int p = 0; p < producers; p++) {
                int producer = p;
                Thread t = new Thread(() -> {
                    for (long i = 0; i < perProducer; i++) {
                        ref.tell(((long) producer << 40) | i);
                    }
                });
                t.start();
                threads.add(t);
            }
            for (Thread t : threads) {
                t.join();
            }
            long expected = producers * perProducer;
            Await.until(Duration.ofMinutes(1), () -> "mailbox drained",
                    () -> system.metrics(ref).orElseThrow().mailboxDepth() == 0
                            && system.metrics(ref).orElseThrow().processed() == handled.sum());
            assertNull(violation.get());
            assertTrue(handled.sum() > 0);
            assertEquals(expected, handled.sum() + system.metrics().deadLetters(),
                    "every message handled or dead-lettered, exactly once");
        } finally {
            system.close();
        }
    }
}
