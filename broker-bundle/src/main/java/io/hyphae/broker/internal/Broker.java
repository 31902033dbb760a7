package io.hyphae.broker.internal;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.MailboxFullException;
import io.hyphae.api.Subscription;
import io.hyphae.api.broker.BrokerMetrics;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.Published;
import io.hyphae.api.broker.TopicPattern;
import io.hyphae.api.broker.spi.TopicIndex;
import io.hyphae.api.broker.spi.BrokerBridge;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import io.hyphae.api.spi.DeadLetterSink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The broker.
 *
 * <p><b>Index switch.</b> Writers (subscribe, cancel, switch) hold {@link #lock}; a
 * publisher reads {@link #active} once and matches against that index only. A switch
 * fills a fresh index with every live subscription under the lock and then publishes it
 * with one volatile write. While the lock is held no subscription changes, so the old and
 * the new index hold the same set at the moment of the switch: a publish that read either
 * one delivers to exactly the subscriptions that existed then, once each. The old index
 * is left intact for publishers still walking it and is dropped by the garbage collector.
 */
public final class Broker implements MessageBroker {

    private static final Logger LOG = LoggerFactory.getLogger(Broker.class);

    /** The index in use and the factory that made it. */
    private record Active(TopicIndexFactory factory, TopicIndex<Sub> index) {
    }

    /** One subscription, identified by itself. */
    final class Sub implements Subscription {
        final TopicPattern pattern;
        final ActorRef<Object> ref;
        final boolean envelope;

        Sub(TopicPattern pattern, ActorRef<Object> ref, boolean envelope) {
            this.pattern = pattern;
            this.ref = ref;
            this.envelope = envelope;
        }

        @Override
        public void cancel() {
            Broker.this.cancel(this);
        }
    }

    /** Hands one publish to each match; one per publish, so matching captures nothing. */
    private final class Delivery implements Consumer<Sub> {
        final String topic;
        final Object message;
        int count;

        Delivery(String topic, Object message) {
            this.topic = topic;
            this.message = message;
        }

        @Override
        public void accept(Sub s) {
            Object m = s.envelope ? new Published(topic, s.pattern, message) : message;
            try {
                s.ref.tell(m);
                count++;
            } catch (MailboxFullException e) {
                deadLetters.deadLetter(message, s.ref, DeadLetter.Reason.MAILBOX_FULL);
            } catch (RuntimeException e) {
                LOG.warn("subscriber {} of '{}' refused a message", s.ref.path(), s.pattern, e);
            }
        }
    }

    private final ActorSystem system;
    private final Object lock = new Object();
    private volatile Active active;
    /** Guarded by lock. */
    private final Map<ActorRef<?>, Set<Sub>> bySubscriber = new HashMap<>();
    /**
     * Guarded by lock: the termination watch of each subscriber with subscriptions, one per
     * actor; cancelled when its last subscription goes, so the actor keeps nothing for it.
     */
    private final Map<ActorRef<?>, CompletableFuture<Void>> watches = new HashMap<>();
    /** Guarded by lock: name to factory. */
    private final Map<String, TopicIndexFactory> factories = new LinkedHashMap<>();
    /** Guarded by lock: the configured index name, or null for the best ranked. */
    private String preferred;
    /** The system's dead letters, for unrouted publishes and full subscribers. */
    private final DeadLetterSink deadLetters;
    private final TopicIndexFactory fallback;
    private volatile int subscriptions;
    /** Carries some topics beyond this broker, or null. */
    private volatile BrokerBridge bridge;
    private volatile long switches;
    private final LongAdder published = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    private final LongAdder unrouted = new LongAdder();

    /**
     * Makes a broker.
     *
     * @param system where the subscribers live
     * @param indexFactories the indexes available at start
     * @param preferred the index to use, or null for the best ranked
     * @throws InvalidConfigurationException if {@code preferred} names none of them
     */
    public Broker(ActorSystem system, Collection<TopicIndexFactory> indexFactories, String preferred) {
        this.system = Objects.requireNonNull(system, "system");
        this.deadLetters = system.unwrap(DeadLetterSink.class);
        this.fallback = new IndexFactories.Hash();
        synchronized (lock) {
            for (TopicIndexFactory f : indexFactories) {
                factories.putIfAbsent(f.name(), f);
            }
            if (preferred != null && !factories.containsKey(preferred)) {
                throw unknownIndex(preferred);
            }
            this.preferred = preferred;
            TopicIndexFactory f = choose();
            active = new Active(f, f.create());
        }
        LOG.info("broker started with topic index '{}'", active.factory().name());
    }

    // ------------------------------------------------------------------ publish

    @Override
    public int publish(String topic, Object message) {
        TopicPattern.checkTopic(topic);
        Objects.requireNonNull(message, "message must not be null");
        return deliver(topic, message, false);
    }

    int deliver(String topic, Object message, boolean request) {
        BrokerBridge b = bridge;
        boolean bridged = b != null && b.carries(topic);
        if (bridged) {
            b.forward(topic, message);
        }
        published.increment();
        Delivery d = new Delivery(topic, message);
        active.index().match(topic, d);
        if (d.count == 0) {
            if (bridged) {
                return request ? BRIDGED : 0;
            }
            if (!request) {
                unrouted.increment();
                deadLetters.deadLetter(message, new TopicRef(this, topic), DeadLetter.Reason.NO_SUBSCRIBER);
            }
            return 0;
        }
        delivered.add(d.count);
        return d.count;
    }

    /** What {@link #deliver} returns for a request no local subscriber matched but a bridge carried. */
    static final int BRIDGED = -1;

    @Override
    public Subscription bridge(BrokerBridge newBridge) {
        Objects.requireNonNull(newBridge, "bridge");
        synchronized (lock) {
            if (bridge != null) {
                throw new IllegalStateException("the broker already has a bridge: " + bridge);
            }
            bridge = newBridge;
        }
        LOG.info("broker bridged by {}", newBridge);
        return () -> {
            synchronized (lock) {
                if (bridge != newBridge) {
                    return;
                }
                bridge = null;
            }
            LOG.info("broker no longer bridged by {}", newBridge);
        };
    }

    @Override
    public <Q, R> CompletionStage<R> request(String topic, Function<ActorRef<R>, Q> request, Duration timeout) {
        TopicPattern.checkTopic(topic);
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        @SuppressWarnings("unchecked")
        ActorRef<Q> target = (ActorRef<Q>) (ActorRef<?>) new TopicRef(this, topic);
        return system.ask(target, request, timeout);
    }

    // ------------------------------------------------------------------ subscribe

    @Override
    public Subscription subscribe(String pattern, ActorRef<?> subscriber) {
        return add(pattern, subscriber, false);
    }

    @Override
    public Subscription subscribeEnvelopes(String pattern, ActorRef<? super Published> subscriber) {
        return add(pattern, subscriber, true);
    }

    @SuppressWarnings("unchecked")
    private Subscription add(String pattern, ActorRef<?> subscriber, boolean envelope) {
        TopicPattern p = TopicPattern.parse(pattern);
        Objects.requireNonNull(subscriber, "subscriber");
        Sub s = new Sub(p, (ActorRef<Object>) subscriber, envelope);
        boolean first;
        synchronized (lock) {
            Set<Sub> mine = bySubscriber.get(subscriber);
            first = mine == null;
            if (first) {
                // Identity-based (Sub keeps Object.equals): cancel is O(1) however many an actor has.
                mine = new LinkedHashSet<>(4);
                bySubscriber.put(subscriber, mine);
            }
            mine.add(s);
            active.index().add(p, s);
            subscriptions++;
        }
        if (first) {
            CompletableFuture<Void> gone;
            try {
                gone = system.whenTerminated(subscriber).toCompletableFuture();
            } catch (IllegalArgumentException e) {
                cancel(s);
                throw new IllegalArgumentException("subscriber " + subscriber
                        + " is not an actor of system '" + system.name() + "'", e);
            }
            boolean keep;
            synchronized (lock) {
                keep = bySubscriber.containsKey(subscriber) && !watches.containsKey(subscriber);
                if (keep) {
                    watches.put(subscriber, gone);
                }
            }
            if (keep) {
                CompletableFuture<Void> watch = gone;
                // Runs at once if the actor has already stopped.
                watch.thenRun(() -> removeAll(subscriber, watch));
            } else {
                // Its subscriptions went meanwhile, or another subscribe's watch is in place.
                gone.cancel(false);
            }
        }
        return s;
    }

    void cancel(Sub s) {
        CompletableFuture<Void> watch = null;
        synchronized (lock) {
            Set<Sub> mine = bySubscriber.get(s.ref);
            if (mine == null || !mine.remove(s)) {
                return;
            }
            if (mine.isEmpty()) {
                bySubscriber.remove(s.ref);
                watch = watches.remove(s.ref);
            }
            active.index().remove(s.pattern, s);
            subscriptions--;
        }
        if (watch != null) {
            watch.cancel(false);
        }
    }

    private void removeAll(ActorRef<?> subscriber, CompletableFuture<Void> watch) {
        synchronized (lock) {
            if (!watches.remove(subscriber, watch)) {
                return; // its subscriptions went and came back under a newer watch
            }
            Set<Sub> mine = bySubscriber.remove(subscriber);
            if (mine == null) {
                return;
            }
            TopicIndex<Sub> index = active.index();
            for (Sub s : mine) {
                index.remove(s.pattern, s);
            }
            subscriptions -= mine.size();
        }
    }

    // ------------------------------------------------------------------ indexes

    @Override
    public void useIndex(String indexName) {
        Objects.requireNonNull(indexName, "indexName");
        synchronized (lock) {
            if (!factories.containsKey(indexName)) {
                throw unknownIndex(indexName);
            }
            preferred = indexName;
            switchTo(factories.get(indexName));
        }
    }

    /**
     * Sets the configured index; an unknown name is logged and used once it appears.
     *
     * @param indexName a name, or null for the best ranked
     */
    public void configure(String indexName) {
        synchronized (lock) {
            preferred = indexName;
            if (indexName != null && !factories.containsKey(indexName)) {
                LOG.warn("topic index '{}' is configured but not available (have {}); keeping '{}' until it appears",
                        indexName, factories.keySet(), active.factory().name());
                return;
            }
            switchTo(choose());
        }
    }

    /**
     * A topic index became available; the broker moves to it if it is now the choice.
     *
     * @param factory the index factory
     */
    public void addIndex(TopicIndexFactory factory) {
        synchronized (lock) {
            factories.put(factory.name(), factory);
            if (active != null) {
                switchTo(choose());
            }
        }
    }

    /**
     * A topic index is going away; if it is in use, the subscriptions move first.
     *
     * @param factory the index factory
     */
    public void removeIndex(TopicIndexFactory factory) {
        synchronized (lock) {
            factories.remove(factory.name(), factory);
            if (active != null && active.factory() == factory) {
                switchTo(choose());
            }
        }
    }

    /** Guarded by lock. */
    private TopicIndexFactory choose() {
        if (preferred != null && factories.containsKey(preferred)) {
            return factories.get(preferred);
        }
        return factories.values().stream()
                .max(Comparator.comparingInt(TopicIndexFactory::ranking)
                        .thenComparing(TopicIndexFactory::name, Comparator.reverseOrder()))
                .orElse(fallback);
    }

    /** Guarded by lock. */
    private void switchTo(TopicIndexFactory f) {
        Active from = active;
        if (from.factory() == f) {
            return;
        }
        long t0 = System.nanoTime();
        TopicIndex<Sub> fresh = f.create();
        int n = 0;
        for (Set<Sub> mine : bySubscriber.values()) {
            for (Sub s : mine) {
                fresh.add(s.pattern, s);
                n++;
            }
        }
        active = new Active(f, fresh);
        switches++;
        LOG.info("topic index switched from '{}' to '{}': {} subscriptions moved in {} µs", from.factory().name(),
                f.name(), n, (System.nanoTime() - t0) / 1000);
    }

    private InvalidConfigurationException unknownIndex(String name) {
        return new InvalidConfigurationException(PID + "/" + INDEX_KEY + ": no topic index named '" + name
                + "'; available: " + factories.keySet());
    }

    @Override
    public List<String> indexes() {
        synchronized (lock) {
            List<String> names = new ArrayList<>(factories.keySet());
            String current = active.factory().name();
            if (!names.contains(current)) {
                names.add(current);
            }
            return List.copyOf(names);
        }
    }

    // ------------------------------------------------------------------ inspection

    @Override
    public Map<String, List<String>> subscriptions() {
        Map<String, List<String>> out = new TreeMap<>();
        synchronized (lock) {
            for (Set<Sub> mine : bySubscriber.values()) {
                for (Sub s : mine) {
                    out.computeIfAbsent(s.pattern.text(), k -> new ArrayList<>()).add(s.ref.path());
                }
            }
        }
        out.replaceAll((k, v) -> List.copyOf(v));
        return java.util.Collections.unmodifiableMap(out);
    }

    @Override
    public BrokerMetrics metrics() {
        return new BrokerMetrics(active.factory().name(), published.sum(), delivered.sum(), unrouted.sum(),
                subscriptions, switches);
    }

    @Override
    public String toString() {
        return "MessageBroker[" + active.factory().name() + "]";
    }
}
