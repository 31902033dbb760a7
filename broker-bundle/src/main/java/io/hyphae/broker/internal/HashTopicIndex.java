package io.hyphae.broker.internal;

import io.hyphae.api.broker.TopicPattern;
import io.hyphae.api.broker.spi.TopicIndex;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Exact patterns in a hash map keyed by the whole topic, so a publish to a plain topic is
 * one hash lookup without splitting it; wildcard patterns in a trie of hash maps, walked
 * only when there are any.
 */
final class HashTopicIndex<S> implements TopicIndex<S> {

    private final ConcurrentHashMap<String, Object[]> exact = new ConcurrentHashMap<>();
    private final Trie wildcards = new Trie(ConcurrentHashMap::new);

    @Override
    public void add(TopicPattern pattern, S subscription) {
        if (pattern.isExact()) {
            exact.put(pattern.text(), Subscribers.with(exact.getOrDefault(pattern.text(), Subscribers.NONE),
                    subscription));
        } else {
            wildcards.add(pattern, subscription);
        }
    }

    @Override
    public boolean remove(TopicPattern pattern, S subscription) {
        if (!pattern.isExact()) {
            return wildcards.remove(pattern, subscription);
        }
        Object[] before = exact.get(pattern.text());
        if (before == null) {
            return false;
        }
        Object[] after = Subscribers.without(before, subscription);
        if (after == before) {
            return false;
        }
        if (after.length == 0) {
            exact.remove(pattern.text());
        } else {
            exact.put(pattern.text(), after);
        }
        return true;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void match(String topic, Consumer<? super S> sink) {
        Object[] subs = exact.get(topic);
        if (subs != null) {
            for (Object s : subs) {
                sink.accept((S) s);
            }
        }
        if (!wildcards.isEmpty()) {
            wildcards.match(TopicPattern.split(topic), sink);
        }
    }
}
