package io.hyphae.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.broker.TopicPattern;
import io.hyphae.api.broker.spi.TopicIndex;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link TopicIndex} must do: exact topics, both wildcards and named segments,
 * overlapping patterns matched once each, removal, a hundred thousand subscriptions, and
 * matching while one writer changes the index. The broker relies on all of it, so there are
 * no capability flags: an index plug-in passes every test. Subclass it and return the factory.
 */
public abstract class TopicIndexContract {

    /** For subclasses. */
    protected TopicIndexContract() {
    }

    /** A named subscription, compared by identity like the broker's. */
    private record Sub(String name) {
        @Override
        public boolean equals(Object o) {
            return this == o;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }

        @Override
        public String toString() {
            return name;
        }
    }

    /**
     * The factory under test.
     *
     * @return the factory
     */
    protected abstract TopicIndexFactory factory();

    private TopicIndex<Sub> index;

    @BeforeEach
    void create() {
        index = factory().create();
    }

    private Sub add(String pattern) {
        Sub s = new Sub(pattern);
        index.add(TopicPattern.parse(pattern), s);
        return s;
    }

    private List<Sub> match(String topic) {
        List<Sub> out = new ArrayList<>();
        index.match(topic, out::add);
        return out;
    }

    private Set<String> names(String topic) {
        Set<String> out = new HashSet<>();
        for (Sub s : match(topic)) {
            assertTrue(out.add(s.name()), () -> s + " reported twice for " + topic);
        }
        return out;
    }

    @Test
    void exactTopicsMatchOnlyThemselves() {
        add("a/b/c");
        add("a/b");
        assertEquals(Set.of("a/b/c"), names("a/b/c"));
        assertEquals(Set.of("a/b"), names("a/b"));
        assertEquals(Set.of(), names("a"));
        assertEquals(Set.of(), names("a/b/c/d"));
        assertEquals(Set.of(), names("a/b/x"));
    }

    @Test
    void singleLevelWildcardMatchesExactlyOneSegment() {
        add("a/+/c");
        add("+");
        assertEquals(Set.of("a/+/c"), names("a/b/c"));
        assertEquals(Set.of("a/+/c"), names("a/zz/c"));
        assertEquals(Set.of(), names("a/c"));
        assertEquals(Set.of(), names("a/b/b/c"));
        assertEquals(Set.of("+"), names("x"));
        assertEquals(Set.of(), names("x/y"));
    }

    @Test
    void multiLevelWildcardMatchesZeroOrMoreSegments() {
        add("a/#");
        add("#");
        assertEquals(Set.of("a/#", "#"), names("a"));
        assertEquals(Set.of("a/#", "#"), names("a/b"));
        assertEquals(Set.of("a/#", "#"), names("a/b/c/d"));
        assertEquals(Set.of("#"), names("b/a"));
    }

    @Test
    void namedSegmentsMatchLikeSingleLevelWildcards() {
        add("users/{id}/events");
        add("users/{id}/{kind}");
        assertEquals(Set.of("users/{id}/events", "users/{id}/{kind}"), names("users/42/events"));
        assertEquals(Set.of("users/{id}/{kind}"), names("users/42/logins"));
        assertEquals(Set.of(), names("users/42"));
    }

    @Test
    void overlappingPatternsEachMatchOnce() {
        add("a/b/c");
        add("a/+/c");
        add("a/b/+");
        add("+/+/+");
        add("a/#");
        add("a/b/#");
        add("a/{x}/#");
        add("#");
        add("a/+");
        assertEquals(Set.of("a/b/c", "a/+/c", "a/b/+", "+/+/+", "a/#", "a/b/#", "a/{x}/#", "#"), names("a/b/c"));
        assertEquals(8, match("a/b/c").size());
    }

    @Test
    void twoSubscriptionsOnOnePatternAreBothMatched() {
        Sub one = add("t/+");
        Sub two = add("t/+");
        List<Sub> m = match("t/1");
        assertEquals(2, m.size());
        assertTrue(m.contains(one) && m.contains(two));
    }

    @Test
    void addingTheSamePairTwiceKeepsOne() {
        Sub s = add("t/x");
        index.add(TopicPattern.parse("t/x"), s);
        assertEquals(1, match("t/x").size());
    }

    @Test
    void unsubscribeRemovesOnlyThatSubscription() {
        Sub exact = add("a/b");
        Sub wild = add("a/+");
        Sub multi = add("a/#");
        Sub other = add("a/+");
        assertTrue(index.remove(TopicPattern.parse("a/+"), wild));
        assertFalse(index.remove(TopicPattern.parse("a/+"), wild), "second remove");
        assertFalse(index.remove(TopicPattern.parse("a/#"), exact), "wrong pattern");
        assertEquals(Set.of(exact, multi, other), new HashSet<>(match("a/b")));
        assertTrue(index.remove(TopicPattern.parse("a/b"), exact));
        assertTrue(index.remove(TopicPattern.parse("a/#"), multi));
        assertTrue(index.remove(TopicPattern.parse("a/+"), other));
        assertEquals(List.of(), match("a/b"));
        assertEquals(List.of(), match("a"));
        assertFalse(index.remove(TopicPattern.parse("never/added"), exact));
        // Pruned paths can be used again.
        Sub again = add("a/+");
        assertEquals(List.of(again), match("a/b"));
    }

    @Test
    void holdsAHundredThousandSubscriptions() {
        int n = 100_000;
        Sub[] exact = new Sub[n];
        for (int i = 0; i < n; i++) {
            exact[i] = add("orders/" + (i % 1000) + "/item/" + i);
        }
        Sub perRegion = add("orders/+/item/#");
        Sub seven = add("orders/7/#");
        for (int i = 0; i < n; i += 997) {
            String topic = "orders/" + (i % 1000) + "/item/" + i;
            Set<Sub> expected = new HashSet<>(List.of(exact[i], perRegion));
            if (i % 1000 == 7) {
                expected.add(seven);
            }
            assertEquals(expected, new HashSet<>(match(topic)), topic);
        }
        for (int i = 0; i < n; i += 2) {
            assertTrue(index.remove(TopicPattern.parse("orders/" + (i % 1000) + "/item/" + i), exact[i]));
        }
        assertEquals(Set.of(perRegion), new HashSet<>(match("orders/4/item/4")));
        assertEquals(Set.of(exact[5], perRegion), new HashSet<>(match("orders/5/item/5")));
    }

    @Test
    void matchesWhileOneWriterChangesTheIndex() throws Exception {
        Sub stable = add("s/+/x");
        AtomicBoolean stop = new AtomicBoolean();
        AtomicReference<String> problem = new AtomicReference<>();
        Set<Sub> seen = ConcurrentHashMap.newKeySet();
        CountDownLatch started = new CountDownLatch(2);
        Runnable reader = () -> {
            started.countDown();
            while (!stop.get()) {
                List<Sub> m = match("s/1/x");
                if (!m.contains(stable)) {
                    problem.set("the stable subscription went missing: " + m);
                }
                if (new HashSet<>(m).size() != m.size()) {
                    problem.set("a subscription was reported twice: " + m);
                }
                seen.addAll(m);
            }
        };
        Thread r1 = new Thread(reader);
        Thread r2 = new Thread(reader);
        r1.start();
        r2.start();
        started.await();
        String[] patterns = {"s/1/x", "s/+/x", "s/#", "#", "s/1/+", "s/{a}/{b}"};
        for (int round = 0; round < 20_000; round++) {
            String p = patterns[round % patterns.length];
            Sub s = add(p);
            assertTrue(index.remove(TopicPattern.parse(p), s));
        }
        stop.set(true);
        r1.join();
        r2.join();
        assertEquals(null, problem.get());
        assertEquals(List.of(stable), match("s/1/x"));
    }
}
