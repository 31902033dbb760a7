package io.hyphae.broker.internal;

import io.hyphae.api.broker.TopicPattern;
import io.hyphae.api.broker.spi.TopicIndex;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.function.Consumer;

/**
 * Every pattern in one trie whose children are ordered maps (a concurrent skip list, the
 * thread-safe TreeMap): lookups cost a few string comparisons per segment instead of a
 * hash, and memory grows with distinct segments rather than distinct topics.
 */
final class TreeTopicIndex<S> implements TopicIndex<S> {

    private final Trie trie = new Trie(ConcurrentSkipListMap::new);

    @Override
    public void add(TopicPattern pattern, S subscription) {
        trie.add(pattern, subscription);
    }

    @Override
    public boolean remove(TopicPattern pattern, S subscription) {
        return trie.remove(pattern, subscription);
    }

    @Override
    public void match(String topic, Consumer<? super S> sink) {
        trie.match(TopicPattern.split(topic), sink);
    }
}
