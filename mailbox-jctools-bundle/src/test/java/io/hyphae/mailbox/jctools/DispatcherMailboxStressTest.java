package io.hyphae.mailbox.jctools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every dispatcher with every mailbox: four producers into 64 actors, each message checked
 * for loss, duplication, per-sender order and one turn at a time per actor. Size with
 * {@code -Dhyphae.stress.messages} (default 10^7 per pair).
 */
class DispatcherMailboxStressTest {

    private static final long MESSAGES = Long.getLong("hyphae.stress.messages", 10_000_000L);

    static Stream<Arguments> pairs() {
        List<Arguments> pairs = new ArrayList<>();
        List<String> dispatchers = new ArrayList<>(List.of("affinity", "work-stealing", "blocking"));
        if (Runtime.version().feature() >= 21) {
            dispatchers.add("virtual");
        }
        for (String d : dispatchers) {
            for (String m : List.of("builtin", "jctools")) {
                pairs.add(Arguments.of(d, m));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} x {1}")
    @MethodSource("pairs")
    void producersTimesActorsLoseNothingDuplicateNothingAndKeepOrder(String dispatcher, String mailbox)
            throws Exception {
        int producers = 4;
        int actors = 64;
        long perProducer = MESSAGES / producers;
        try (ActorSystem system = ActorSystem.builder().config(ActorSystemConfig.defaults().withName("matrix")
                .withDispatcherThreads(2).withDispatcher(dispatcher).withMailboxFactory(mailbox)).build()) {
            assertEquals(dispatcher, system.defaultDispatcher());
            assertEquals(mailbox, system.metrics().mailboxFactory());
            AtomicReference<String> violation = new AtomicReference<>();
            LongAdder total = new LongAdder();
            List<long[]> next = new ArrayList<>();
            List<ActorRef<Long>> refs = new ArrayList<>();
            for (int a = 0; a < actors; a++) {
                long[] expect = new long[producers];
                next.add(expect);
                AtomicBoolean inside = new AtomicBoolean();
                refs.add(system.spawnAnonymous(ctx -> m -> {
                    if (inside.getAndSet(true)) {
                        violation.compareAndSet(null, "two threads inside one actor");
                    }
                    int p = (int) (m >>> 40);
                    long seq = m & ((1L << 40) - 1);
                    if (seq != expect[p]) {
                        violation.compareAndSet(null, "producer " + p + ": expected " + expect[p] + ", got " + seq);
                    }
                    expect[p] = seq + 1;
                    total.increment();
                    inside.set(false);
                }));
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
                    long x = 0x9E3779B97F4A7C15L * (producer + 1);
                    for (long i = 0; i < perProducer; i++) {
                        x ^= x << 13;
                        x ^= x >>> 7;
                        x ^= x << 17;
                        int a = (int) ((x >>> 1) % actors);
                        refs.get(a).tell(((long) producer << 40) | sent[producer][a]++);
                    }
                });
                t.start();
                threads.add(t);
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            Await.progress("messages received", perProducer * producers, Duration.ofSeconds(15), total::sum);
            assertNull(violation.get());
            for (int a = 0; a < actors; a++) {
                for (int p = 0; p < producers; p++) {
                    assertEquals(sent[p][a], next.get(a)[p], "actor " + a + " producer " + p);
                }
            }
            assertEquals(0, system.metrics().deadLetters());
        }
    }
}
