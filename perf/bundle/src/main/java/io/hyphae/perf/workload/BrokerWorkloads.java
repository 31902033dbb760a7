package io.hyphae.perf.workload;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Subscription;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.TopicPattern;
import io.hyphae.api.broker.spi.TopicIndex;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Broker benchmarks on the deployed broker (with whatever index it uses now), and topic
 * lookups on every deployed index on its own. Topics are under {@value #ROOT}, unique per
 * run, so an application's own subscriptions see the traffic only through a pattern that
 * matches everything.
 */
public final class BrokerWorkloads {

    /** Publishes per producer invocation (quick: {@value #QUICK_BATCH}). */
    public static final int BATCH = 10_000;
    /** Publishes per producer invocation in a quick run. */
    public static final int QUICK_BATCH = 1_000;
    /** Lookups per topic-lookup invocation. */
    public static final int LOOKUPS = 1_000;

    /** The root of every topic the benchmarks publish to. */
    static final String ROOT = "hyphae-perf";
    private static final AtomicInteger RUNS = new AtomicInteger();

    private BrokerWorkloads() {
    }

    private static String root() {
        return ROOT + "/" + RUNS.incrementAndGet();
    }

    /** A message that holds the sink until released. */
    private record Hold(CountDownLatch entered, CountDownLatch release) {
    }

    /** Counts plain messages; holds on a {@link Hold}; completes futures. */
    private static final class HoldingSink implements Actor<Object> {
        private final LongAdder handled;

        HoldingSink(LongAdder handled) {
            this.handled = handled;
        }

        @Override
        public void receive(Object m) throws InterruptedException {
            if (m instanceof Hold h) {
                h.entered().countDown();
                if (!h.release().await(Waits.SECONDS, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("held for longer than " + Waits.SECONDS + " s");
                }
            } else if (m instanceof CompletableFuture<?> f) {
                f.complete(null);
            } else {
                handled.increment();
            }
        }
    }

    /**
     * Routing cost seen by the producer: {@code batch} publishes to a topic with one
     * subscriber (cycling over {@code topics} exact topics), or, with {@code direct}, the
     * same number of tells to that subscriber. The subscriber is held inside a message
     * during the timed part, so neither side pays for waking it; it is let go and drained
     * after, untimed. Checks that every publish was delivered once.
     */
    public static final class Publish implements Bench {
        private final ActorSystem system;
        private final MessageBroker broker;
        private final boolean direct;
        private final int batch;
        private final ActorRef<Object> sink;
        private final LongAdder handled = new LongAdder();
        private final List<Subscription> subscriptions = new ArrayList<>();
        private final String[] topics;
        private final Object message = "m";
        private CountDownLatch release;
        private int next;
        private long sent;

        public Publish(ActorSystem system, MessageBroker broker, int topics, int batch, boolean direct) {
            this.system = system;
            this.broker = broker;
            this.direct = direct;
            this.batch = batch;
            LongAdder h = handled;
            sink = system.spawn(ctx -> new HoldingSink(h), SpawnOptions.defaults());
            String root = root();
            this.topics = new String[topics];
            for (int i = 0; i < topics; i++) {
                this.topics[i] = root + "/region/" + (i % 10) + "/device/" + i;
                subscriptions.add(broker.subscribe(this.topics[i], sink));
            }
        }

        @Override
        public void beforeInvocation() throws Exception {
            CountDownLatch entered = new CountDownLatch(1);
            release = new CountDownLatch(1);
            sink.tell(new Hold(entered, release));
            if (!entered.await(Waits.SECONDS, TimeUnit.SECONDS)) {
                throw new IllegalStateException("the sink did not take the hold within " + Waits.SECONDS + " s");
            }
        }

        @Override
        public double invoke() {
            Object m = message;
            if (direct) {
                ActorRef<Object> s = sink;
                for (int k = 0; k < batch; k++) {
                    s.tell(m);
                }
                return batch;
            }
            String[] t = topics;
            int n = t.length;
            int i = next;
            int delivered = 0;
            for (int k = 0; k < batch; k++) {
                delivered += broker.publish(t[i], m);
                if (++i == n) {
                    i = 0;
                }
            }
            next = i;
            if (delivered != batch) {
                throw new IllegalStateException(batch + " publishes to one subscriber each delivered " + delivered);
            }
            return batch;
        }

        @Override
        public void afterInvocation() throws Exception {
            CompletableFuture<Void> done = new CompletableFuture<>();
            sink.tell(done);
            release.countDown();
            Waits.await(done, "the sink's drain");
            sent += batch;
        }

        @Override
        public void verify() {
            if (handled.sum() != sent) {
                throw new IllegalStateException(sent + " messages sent but " + handled.sum() + " handled");
            }
        }

        @Override
        public void tearDown() throws Exception {
            subscriptions.forEach(Subscription::cancel);
            if (release != null) {
                release.countDown();
            }
            ActorWorkloads.stopAll(system, List.of(sink));
        }
    }

    /**
     * Fan-out: one publish to a topic with {@code subscribers} subscribed actors (half by the
     * exact topic, half by a wildcard); one operation lasts until every one of them handled
     * it. Checks that none got a message twice or missed one.
     */
    public static final class FanOut implements Bench {
        private final ActorSystem system;
        private final MessageBroker broker;
        private final int subscribers;
        private final List<ActorRef<Object>> refs = new ArrayList<>();
        private final List<Subscription> subscriptions = new ArrayList<>();
        private final LongAdder handled = new LongAdder();
        private final String topic;
        private final boolean direct;
        private long expected;

        /**
         * A fan-out through the broker.
         *
         * @param system where the subscribers live
         * @param broker the broker under test
         * @param subscribers how many actors subscribe
         */
        public FanOut(ActorSystem system, MessageBroker broker, int subscribers) {
            this(system, broker, subscribers, false);
        }

        /**
         * A fan-out, or with {@code direct} the same message told to the same actors one by
         * one: the difference is what the broker adds.
         *
         * @param system where the subscribers live
         * @param broker the broker under test
         * @param subscribers how many actors subscribe
         * @param direct tell each subscriber instead of publishing
         */
        @SuppressWarnings("unchecked")
        public FanOut(ActorSystem system, MessageBroker broker, int subscribers, boolean direct) {
            this.system = system;
            this.broker = broker;
            this.subscribers = subscribers;
            this.direct = direct;
            String root = root();
            topic = root + "/fan/out";
            LongAdder counter = handled;
            for (int i = 0; i < subscribers; i++) {
                ActorRef<Object> s = system.spawnAnonymous(ctx -> (Actor<Object>) m -> {
                    if (m instanceof CompletableFuture<?> f) {
                        f.complete(null);
                    } else {
                        counter.increment();
                    }
                });
                refs.add(s);
                subscriptions.add(broker.subscribe(i % 2 == 0 ? topic : root + "/fan/+", s));
            }
        }

        @Override
        public double invoke() throws Exception {
            int delivered;
            if (direct) {
                for (ActorRef<Object> r : refs) {
                    r.tell("m");
                }
                delivered = refs.size();
            } else {
                delivered = broker.publish(topic, "m");
            }
            if (delivered != subscribers) {
                throw new IllegalStateException("a publish to " + subscribers + " subscribers delivered " + delivered);
            }
            long target = expected + subscribers;
            expected = target;
            Waits.spinUntil(() -> handled.sum() >= target, "a fan-out to " + subscribers);
            return 1;
        }

        @Override
        public void verify() throws Exception {
            // Let anything still in flight arrive before counting it.
            CompletableFuture<?>[] done = new CompletableFuture<?>[refs.size()];
            for (int i = 0; i < done.length; i++) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                done[i] = f;
                refs.get(i).tell(f);
            }
            Waits.await(CompletableFuture.allOf(done), "the subscribers' drain");
            long got = handled.sum();
            if (got != expected) {
                throw new IllegalStateException(expected + " deliveries expected but " + got + " handled");
            }
        }

        @Override
        public void tearDown() throws Exception {
            subscriptions.forEach(Subscription::cancel);
            ActorWorkloads.stopAll(system, refs);
        }
    }

    /**
     * A topic index on its own: {@code batch} matches of published topics against
     * {@code topics} exact subscriptions and one wildcard per ten topics; one operation is
     * one lookup. Checks that every lookup found exactly its two subscriptions (or one,
     * for topics without a wildcard).
     */
    public static final class Lookup implements Bench {
        private final TopicIndex<Integer> index;
        private final String[] names;
        private final int batch;
        private final int[] found = new int[1];
        private final Consumer<Integer> sink = s -> found[0]++;
        private long expected;
        private long matched;
        private int next;

        public Lookup(TopicIndexFactory factory, int topics, int batch) {
            this.batch = batch;
            index = factory.create();
            names = new String[topics];
            for (int i = 0; i < topics; i++) {
                names[i] = "region/" + (i % 100) + "/device/" + i;
                index.add(TopicPattern.parse(names[i]), i);
                if (i % 10 == 0) {
                    index.add(TopicPattern.parse("region/" + (i % 100) + "/+/" + i), -i);
                }
            }
        }

        @Override
        public double invoke() {
            String[] t = names;
            int n = t.length;
            int i = next;
            long want = 0;
            found[0] = 0;
            for (int k = 0; k < batch; k++) {
                index.match(t[i], sink);
                want += i % 10 == 0 ? 2 : 1;
                if (++i == n) {
                    i = 0;
                }
            }
            next = i;
            expected += want;
            matched += found[0];
            return batch;
        }

        @Override
        public void verify() {
            if (matched != expected) {
                throw new IllegalStateException(expected + " matches expected but " + matched + " found");
            }
        }
    }
}
