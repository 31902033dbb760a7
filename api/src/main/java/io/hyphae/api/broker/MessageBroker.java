package io.hyphae.api.broker;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.HyphaeException;
import io.hyphae.api.Subscription;
import io.hyphae.api.broker.spi.BrokerBridge;
import io.hyphae.api.broker.spi.BrokerProvider;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.ServiceLoader;
import java.util.concurrent.CompletionStage;
import java.util.function.Function;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Topic publish/subscribe between actors. Topics and patterns are described in
 * {@link TopicPattern}.
 *
 * <p>A publish is delivered straight into the mailbox of every subscription whose pattern
 * matches the topic, on the publisher's thread: once per matching subscription, so an
 * actor subscribed twice with overlapping patterns gets the message twice. Per publisher
 * and subscriber, order is FIFO. A publish that matches nothing becomes a
 * {@link io.hyphae.api.DeadLetter.Reason#NO_SUBSCRIBER} dead letter addressed to a ref
 * whose path is {@code broker:<topic>}.
 *
 * <p>Subscriptions of an actor that terminates are removed automatically. Switching the
 * topic index ({@link #useIndex}) carries every subscription over, and each publish is
 * delivered exactly once to each subscription that matched when it was published.
 *
 * <p>In OSGi the broker is a service configured by ConfigAdmin PID {@value #PID}; on the
 * module path, {@link #builder(ActorSystem)} makes one.
 */
@ProviderType
public interface MessageBroker {

    /** The ConfigAdmin PID; its key {@value #INDEX_KEY} names the topic index. */
    String PID = "io.hyphae.broker";

    /** The configuration key (and, prefixed with {@code hyphae.broker.}, system property) naming the index. */
    String INDEX_KEY = "index";

    /**
     * Delivers a message to every matching subscription.
     *
     * @param topic a topic without wildcards
     * @param message not null
     * @return the number of subscriptions it was delivered to (0: it became a dead letter)
     * @throws InvalidTopicException if the topic is malformed or has a wildcard
     * @throws NullPointerException if the message is null
     */
    int publish(String topic, Object message);

    /**
     * Subscribes an actor to the messages published on matching topics. The actor
     * receives the messages themselves, so give it a message type that covers them all.
     *
     * @param pattern a topic pattern
     * @param subscriber the actor
     * @return cancels this subscription
     * @throws InvalidTopicException if the pattern is malformed
     */
    Subscription subscribe(String pattern, ActorRef<?> subscriber);

    /**
     * Subscribes an actor to {@link Published} envelopes, which carry the topic and the
     * values of named segments besides the message. Costs one allocation per delivery.
     *
     * @param pattern a topic pattern
     * @param subscriber the actor
     * @return cancels this subscription
     * @throws InvalidTopicException if the pattern is malformed
     */
    Subscription subscribeEnvelopes(String pattern, ActorRef<? super Published> subscriber);

    /**
     * Publishes a request built around a reply ref and completes with the first reply, in
     * the manner of {@link ActorSystem#ask}. Every matching subscription receives the
     * request; replies after the first become dead letters.
     *
     * @param <Q> the request type
     * @param <R> the reply type
     * @param topic a topic without wildcards
     * @param request builds the request from the reply ref
     * @param timeout positive
     * @return the first reply; fails with {@link NoRespondersException} at once if no
     *         subscription matches, or with {@link io.hyphae.api.AskTimeoutException}
     * @throws InvalidTopicException if the topic is malformed
     * @throws IllegalArgumentException if the timeout is not positive
     */
    <Q, R> CompletionStage<R> request(String topic, Function<ActorRef<R>, Q> request, Duration timeout);

    /**
     * Attaches a bridge that carries the publishes on some topics beyond this broker (see
     * {@link BrokerBridge}). A topic the bridge carries is not a dead letter when no local
     * subscriber matches, and a request on it waits for its timeout instead of failing with
     * {@link NoRespondersException}, since the subscribers may be elsewhere.
     *
     * @param bridge the bridge
     * @return detaches it
     * @throws IllegalStateException if another bridge is attached
     * @throws UnsupportedOperationException if this broker takes no bridge
     */
    default Subscription bridge(BrokerBridge bridge) {
        throw new UnsupportedOperationException(getClass().getName() + " takes no bridge");
    }

    /**
     * Moves all subscriptions to the named topic index while publishing goes on.
     *
     * @param indexName the index's name
     * @throws io.hyphae.api.InvalidConfigurationException if no index has that name
     */
    void useIndex(String indexName);

    /**
     * The names of the available topic indexes.
     *
     * @return names, the one in use included
     */
    List<String> indexes();

    /**
     * The live subscriptions' patterns with their subscribers, for inspection.
     *
     * @return pattern text to subscriber paths
     */
    java.util.Map<String, List<String>> subscriptions();

    /**
     * Counters.
     *
     * @return a snapshot
     */
    BrokerMetrics metrics();

    /**
     * A broker for the module path, found with {@link ServiceLoader}.
     *
     * @param system the system whose actors subscribe
     * @return a builder
     */
    static Builder builder(ActorSystem system) {
        return new Builder(system);
    }

    /** Makes a broker on the module path. */
    final class Builder {
        private final ActorSystem system;
        private final List<TopicIndexFactory> indexes = new ArrayList<>();
        private String index;

        Builder(ActorSystem system) {
            this.system = Objects.requireNonNull(system, "system");
            this.index = System.getProperty("hyphae.broker." + INDEX_KEY);
        }

        /**
         * Names the index to use; without it, system property {@code hyphae.broker.index},
         * else the best ranked.
         *
         * @param name an index name
         * @return this builder
         */
        public Builder index(String name) {
            this.index = Objects.requireNonNull(name, "name");
            return this;
        }

        /**
         * Adds an index factory besides those found by {@link ServiceLoader}.
         *
         * @param factory the factory
         * @return this builder
         */
        public Builder indexFactory(TopicIndexFactory factory) {
            indexes.add(Objects.requireNonNull(factory, "factory"));
            return this;
        }

        /**
         * Makes the broker.
         *
         * @return the broker
         * @throws HyphaeException if no broker is on the module path
         * @throws io.hyphae.api.InvalidConfigurationException if the named index is unknown
         */
        public MessageBroker build() {
            BrokerProvider provider = ServiceLoader.load(BrokerProvider.class).findFirst()
                    .or(() -> ServiceLoader.load(BrokerProvider.class, MessageBroker.class.getClassLoader())
                            .findFirst())
                    .orElseThrow(() -> new HyphaeException("no BrokerProvider found: put module io.hyphae.broker "
                            + "on the module path, or use the MessageBroker service inside an OSGi container"));
            return provider.create(system, index, List.copyOf(indexes));
        }
    }
}
