package io.hyphae.cluster.nats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.broker.TopicPattern;
import io.hyphae.cluster.nats.testsupport.NatsServer;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Nats;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;

/** Topics and patterns map to NATS subjects exactly: the server matches what the broker matches. */
class SubjectsTest {

    private final Subjects subjects = new Subjects("hyphae.t");

    @Test
    void everyWildcardFormMaps() {
        assertEquals(List.of("hyphae.t.orders.eu"), subjects.subjects(TopicPattern.parse("orders/eu")));
        assertEquals(List.of("hyphae.t.orders.*"), subjects.subjects(TopicPattern.parse("orders/+")));
        assertEquals(List.of("hyphae.t.orders.*.lines"), subjects.subjects(TopicPattern.parse("orders/{id}/lines")));
        assertEquals(List.of("hyphae.t.orders", "hyphae.t.orders.>"), subjects.subjects(TopicPattern.parse("orders/#")));
        assertEquals(List.of("hyphae.t.*.x", "hyphae.t.*.x.>"), subjects.subjects(TopicPattern.parse("+/x/#")));
        assertEquals(List.of("hyphae.t.>"), subjects.subjects(TopicPattern.parse("#")));
    }

    @Test
    void segmentsWithNatsSyntaxAreEscapedAndComeBack() {
        for (String topic : List.of("a.b/c", "*/>", "with space/x", "tilde~/~7E", "ünïcode/日本/😀", "a-b_c/D9")) {
            String subject = subjects.subject(topic);
            assertTrue(subject.matches("hyphae\\.t(\\.[A-Za-z0-9_~-]+)+"), subject);
            assertEquals(topic, subjects.topic(subject), subject);
        }
        assertEquals("hyphae.t.a~2Eb.c", subjects.subject("a.b/c"));
        assertNull(subjects.topic("other.a"));
        assertNull(subjects.topic("hyphae.t.bad~Z1"));
        assertNull(subjects.topic("hyphae.t.a..b"));
    }

    /** Every pattern against every topic, through a real server: delivered exactly when the broker would match. */
    @Test
    void theServerMatchesExactlyWhatTheBrokerMatches() throws Exception {
        List<String> patterns = List.of("a", "a/b", "a/+", "+/b", "a/#", "#", "+", "+/+", "a/+/c", "a/{x}/#",
                "+/#", "a.b/#", "*/>");
        List<String> topics = List.of("a", "b", "a/b", "a/c", "x/b", "a/b/c", "a/x/c", "a/x/y/z", "a.b", "a.b/c",
                "*", "*/>", "a/b/c/d");
        try (NatsServer server = NatsServer.start()) {
            Connection c = Nats.connect(server.url());
            try {
                Map<String, Set<String>> got = new ConcurrentHashMap<>();
                List<Dispatcher> ds = new ArrayList<>();
                for (String p : patterns) {
                    Dispatcher d = c.createDispatcher(m -> got.computeIfAbsent(p, k -> ConcurrentHashMap.newKeySet())
                            .add(subjects.topic(m.getSubject())));
                    for (String s : subjects.subjects(TopicPattern.parse(p))) {
                        d.subscribe(s);
                    }
                    ds.add(d);
                }
                c.flush(Duration.ofSeconds(5));
                for (String t : topics) {
                    c.publish(subjects.subject(t), new byte[0]);
                }
                c.flush(Duration.ofSeconds(5));
                Map<String, Set<String>> expected = new TreeMap<>();
                for (String p : patterns) {
                    Set<String> m = new TreeSet<>();
                    for (String t : topics) {
                        if (TopicPattern.parse(p).matches(t)) {
                            m.add(t);
                        }
                    }
                    expected.put(p, m);
                }
                long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
                Map<String, Set<String>> actual = new TreeMap<>();
                while (System.nanoTime() < deadline) {
                    actual.clear();
                    for (String p : patterns) {
                        actual.put(p, new TreeSet<>(got.getOrDefault(p, Set.of())));
                    }
                    if (actual.equals(expected)) {
                        break;
                    }
                    Thread.sleep(20);
                }
                Thread.sleep(100); // anything delivered too much arrives by now
                actual.clear();
                for (String p : patterns) {
                    actual.put(p, new TreeSet<>(got.getOrDefault(p, Set.of())));
                }
                assertEquals(expected, actual);
            } finally {
                c.close();
            }
        }
    }
}
