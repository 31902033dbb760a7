package io.hyphae.api.broker.spi;

import io.hyphae.api.broker.TopicPattern;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Finds the subscriptions whose patterns match a topic.
 *
 * <p>Threads: {@link #add} and {@link #remove} are called by one thread at a time (the
 * broker serialises them); {@link #match} runs on any number of threads at once, also while
 * an add or remove runs, and must then see each subscription either present or absent,
 * never corrupt state. An index holds each (pattern, subscription) pair at most once.
 *
 * @param <S> the broker's subscription type, compared by identity
 */
@ConsumerType
public interface TopicIndex<S> {

    /**
     * Adds a subscription.
     *
     * @param pattern its pattern
     * @param subscription the subscription
     */
    void add(TopicPattern pattern, S subscription);

    /**
     * Removes a subscription.
     *
     * @param pattern the pattern it was added with
     * @param subscription the subscription
     * @return whether it was present
     */
    boolean remove(TopicPattern pattern, S subscription);

    /**
     * Passes every subscription whose pattern matches the topic to the sink, each once.
     *
     * @param topic a valid topic ({@link TopicPattern#checkTopic})
     * @param sink receives the matches
     */
    void match(String topic, Consumer<? super S> sink);
}
