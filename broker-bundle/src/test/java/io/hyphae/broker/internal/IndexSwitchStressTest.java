package io.hyphae.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.TopicPattern;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Publishers at full speed while the broker switches index 100 times and another thread
 * keeps subscribing and cancelling: every subscription must receive exactly the publishes
 * that match it, once each, in publisher order.
 */
class IndexSwitchStressTest {

    static final int PUBLISHERS = 4;
    static final int SWITCHES = 100;
    static final int MIN_PER_PUBLISHER = Integer.getInteger("hyphae.stress.broker.publishes", 100_000);
    static final String[] PATTERNS = {
        "t/1/2", "t/0/0", "t/3/4", "t/+/2", "t/1/+", "t/+/+", "t/#", "#", "t/{a}/3", "t/{a}/{b}",
        "t/2/#", "t/0/#", "u/#", "t/1/2/#", "+/1/+", "+/+/4", "t/3/{b}", "t/+/0", "t/1/2", "x/y",
    };

    record Msg(int publisher, int seq, int topic) {
    }

    /** Receivers that handled the flush marker sent after all publishers finished. */
    static final AtomicInteger FLUSHED = new AtomicInteger();

    /** Checks order and topic of everything it receives. */
    static final class Receiver implements Actor<Msg> {
        final TopicPattern pattern;
        final String[] topics;
        final int[] last = new int[PUBLISHERS];
        final AtomicLong received;
        final ConcurrentLinkedQueue<String> problems;

        Receiver(TopicPattern pattern, String[] topics, AtomicLong received, ConcurrentLinkedQueue<String> problems) {
            this.pattern = pattern;
            this.topics = topics;
            this.received = received;
            this.problems = problems;
            java.util.Arrays.fill(last, -1);
        }

        @Override
        public void receive(Msg m) {
            if (m.publisher() < 0) {
                FLUSHED.incrementAndGet();
                return;
            }
            if (m.seq() <= last[m.publisher()]) {
                problems.add(pattern + ": seq " + m.seq() + " of publisher " + m.publisher() + " after "
                        + last[m.publisher()] + " (duplicate or reordered)");
            }
            last[m.publisher()] = m.seq();
            if (!pattern.matches(topics[m.topic()])) {
                problems.add(pattern + " received a message on " + topics[m.topic()]);
            }
            received.incrementAndGet();
        }
    }

    @Test
    void switchingUnderLoadLosesAndDuplicatesNothing() throws Exception {
        List<String> topicList = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            for (int b = 0; b < 5; b++) {
                topicList.add("t/" + a + "/" + b);
            }
        }
        topicList.add("u/1/4");
        topicList.add("t/1/2/9");
        String[] topics = topicList.toArray(String[]::new);
        TopicPattern[] patterns = new TopicPattern[PATTERNS.length];
        boolean[][] matches = new boolean[topics.length][PATTERNS.length];
        for (int p = 0; p < PATTERNS.length; p++) {
            patterns[p] = TopicPattern.parse(PATTERNS[p]);
            for (int t = 0; t < topics.length; t++) {
                matches[t][p] = patterns[p].matches(topics[t]);
            }
        }

        try (ActorSystem system = ActorSystem.builder().name("switch-stress").dispatcherThreads(2).build()) {
            MessageBroker broker = MessageBroker.builder(system).build();
            ConcurrentLinkedQueue<String> problems = new ConcurrentLinkedQueue<>();
            AtomicLong[] received = new AtomicLong[PATTERNS.length];
            List<ActorRef<Msg>> receivers = new ArrayList<>();
            FLUSHED.set(0);
            for (int p = 0; p < PATTERNS.length; p++) {
                received[p] = new AtomicLong();
                TopicPattern pattern = patterns[p];
                AtomicLong counter = received[p];
                ActorRef<Msg> r = system.spawnAnonymous(ctx -> new Receiver(pattern, topics, counter, problems));
                receivers.add(r);
                broker.subscribe(PATTERNS[p], r);
            }
            ActorRef<Object> churner = system.spawnAnonymous(ctx -> m -> { });

            AtomicBoolean switching = new AtomicBoolean(true);
            AtomicLong publishedTotal = new AtomicLong();
            long[][] expected = new long[PUBLISHERS][PATTERNS.length];
            AtomicInteger mismatchedReturns = new AtomicInteger();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < PUBLISHERS; i++) {
                int me = i;
                threads.add(new Thread(() -> {
                    int seq = 0;
                    while (seq < MIN_PER_PUBLISHER || switching.get()) {
                        int t = (seq * 7 + me) % topics.length;
                        int want = 0;
                        for (int p = 0; p < PATTERNS.length; p++) {
                            if (matches[t][p]) {
                                expected[me][p]++;
                                want++;
                            }
                        }
                        int got = broker.publish(topics[t], new Msg(me, seq, t));
                        // The churner's pattern never matches these topics, so the count is exact.
                        if (got != want) {
                            mismatchedReturns.incrementAndGet();
                        }
                        seq++;
                        publishedTotal.incrementAndGet();
                    }
                }, "publisher-" + i));
            }
            Thread churn = new Thread(() -> {
                while (switching.get()) {
                    broker.subscribe("churn/+", churner).cancel();
                }
            }, "churn");
            threads.forEach(Thread::start);
            churn.start();
            long target = (long) PUBLISHERS * MIN_PER_PUBLISHER;
            for (int s = 0; s < SWITCHES; s++) {
                long until = Math.min(target, publishedTotal.get() + target / (2L * SWITCHES));
                while (publishedTotal.get() < until) {
                    Thread.onSpinWait();
                }
                broker.useIndex(s % 2 == 0 ? "tree" : "hash");
            }
            switching.set(false);
            for (Thread t : threads) {
                t.join();
            }
            churn.join();
            assertEquals(SWITCHES, broker.metrics().indexSwitches());

            long[] want = new long[PATTERNS.length];
            long wantTotal = 0;
            for (int p = 0; p < PATTERNS.length; p++) {
                for (int i = 0; i < PUBLISHERS; i++) {
                    want[p] += expected[i][p];
                }
                wantTotal += want[p];
            }
            long total = wantTotal;
            // Every delivery was enqueued on a publisher thread before it was joined, so a
            // marker sent now is handled after all of them, duplicates included.
            for (ActorRef<Msg> r : receivers) {
                r.tell(new Msg(-1, 0, 0));
            }
            Await.progress("receivers flushed", receivers.size(), Duration.ofSeconds(60), FLUSHED::get);
            assertTrue(problems.isEmpty(), () -> problems.size() + " problems, first: " + problems.peek());
            for (int p = 0; p < PATTERNS.length; p++) {
                assertEquals(want[p], received[p].get(), "deliveries to " + PATTERNS[p]);
            }
            assertEquals(0, mismatchedReturns.get(), "publishes that reported a different match count");
            assertEquals(PATTERNS.length, broker.metrics().subscriptions(), "churn left nothing behind");
            assertEquals(total, broker.metrics().delivered());
        }
    }
}
