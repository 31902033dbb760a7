package io.hyphae.perf.suite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.perf.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole suite on the real runtime, broker, supervisor and mailboxes (found as on the
 * module path), with a tiny shape: every benchmark must pass its own checks. And the
 * command's arguments, results and failure reporting.
 */
class PerfTest {

    private static final Shape TINY = new Shape(0, 1, Duration.ofMillis(30));

    private final List<String> lines = new ArrayList<>();
    private ActorSystem system;

    @AfterEach
    void close() {
        if (system != null) {
            system.close();
        }
    }

    private static <T> List<T> load(Class<T> type) {
        return ServiceLoader.load(type).stream().map(ServiceLoader.Provider::get).toList();
    }

    private Target deployed(boolean withBrokerAndSupervision) {
        system = ActorSystem.builder().name("perf-test").build();
        return new Target(system,
                withBrokerAndSupervision ? Optional.of(MessageBroker.builder(system).build()) : Optional.empty(),
                withBrokerAndSupervision ? Optional.of(Supervision.load()) : Optional.empty(),
                load(MailboxFactory.class), load(TopicIndexFactory.class));
    }

    private Perf perf(Target t, Path dir) {
        return new Perf(t, dir, lines::add, TINY, TINY);
    }

    @Test
    void everyBenchmarkOfEverySuiteRunsAndPassesItsChecks(@TempDir Path dir) throws Exception {
        String summary = perf(deployed(true), dir).command(List.of("--quick"));
        assertTrue(summary.contains("0 failed; dead letters during the run: 0"), summary);
        // Outside a container, only the bundle update cannot run.
        assertTrue(summary.contains("skipped: upgrade change=bundle: needs a container with the supervision bundle"),
                summary);
        assertFalse(summary.replace("skipped: upgrade change=bundle", "").contains("skipped"), summary);
        List<Path> files;
        try (Stream<Path> s = Files.list(dir)) {
            files = s.sorted().toList();
        }
        assertEquals(3, files.size(), files.toString());
        Path json = files.stream().filter(f -> f.toString().endsWith(".json")).findFirst().orElseThrow();
        assertTrue(json.getFileName().toString().startsWith("perf-all-"), json.toString());
        List<Report.Row> rows = Report.read(json);
        // Two mailbox factories, two indexes: per-implementation rows for each benchmark.
        for (String impl : List.of("hyphae builtin", "hyphae jctools")) {
            for (String group : List.of("tell1to1", "tell2to1", "tell1to1000", "pingPong", "externalAsk (sample)",
                    "spawnAndStop", "queue", "idleActor actors=10000")) {
                assertTrue(rows.stream().anyMatch(r -> r.group().equals(group) && r.impl().equals(impl)),
                        group + " " + impl + " in " + rows);
            }
        }
        for (String impl : List.of("hyphae hash", "hyphae tree")) {
            assertTrue(rows.stream()
                    .anyMatch(r -> r.group().equals("topicLookup topics=1000") && r.impl().equals(impl)),
                    impl + " in " + rows);
        }
        for (String group : List.of("supervisedSpawn", "terminateAndRestartChild (sample)",
                "supervisedRestart (sample)",
                "producerPublish topics=10",
                "producerTell topics=10", "fanOut subscribers=100", "swapMailbox (sample) queued=100",
                "upgradePause (sample) change=none queued=1000", "upgradePause (sample) change=api queued=1000")) {
            assertTrue(rows.stream().anyMatch(r -> r.group().equals(group)), group + " in " + rows);
        }
        assertTrue(rows.stream().allMatch(r -> r.median() > 0), rows.toString());
        assertTrue(lines.get(0).startsWith("suite all: "), lines.toString());
        assertTrue(lines.stream()
                .anyMatch(l -> l.matches("\\[ *\\d+/\\d+] latency +externalAsk mailbox=builtin +p50 .*")),
                lines.toString());
        // Nothing the suite started is left in the system.
        assertEquals(0, system.metrics().liveActors(), system.metrics().toString());
    }

    @Test
    void missingServicesAreSkippedAndSaidSo(@TempDir Path dir) throws Exception {
        String list = perf(deployed(false), dir).command(List.of("list"));
        assertTrue(list.contains("skipped: supervision: no Supervision service is deployed"), list);
        assertTrue(list.contains("skipped: broker: no MessageBroker service is deployed"), list);
        assertTrue(list.matches("(?s).*broker +avgt +topicLookup index=hash topics=1000\\n.*"), list);
    }

    @Test
    void aMailboxFactoryWithoutUnboundedMailboxesIsLeftOutAndSaidSo(@TempDir Path dir) throws Exception {
        Target all = deployed(false);
        MailboxFactory builtin = all.mailboxes().stream().filter(f -> f.name().equals("builtin")).findFirst()
                .orElseThrow();
        MailboxFactory boundedOnly = new LossyFactory(builtin) {
            @Override
            public String name() {
                return "bounded-only";
            }

            @Override
            public Set<MailboxCapability> capabilities() {
                return Set.of(MailboxCapability.BOUNDED);
            }
        };
        Target t = new Target(system, Optional.empty(), Optional.empty(), List.of(builtin, boundedOnly), List.of());
        String list = perf(t, dir).command(List.of("list", "mailbox"));
        assertTrue(list.contains("skipped: mailbox factory 'bounded-only': it makes no unbounded mailbox"), list);
        assertTrue(list.contains("queue mailbox=builtin") && !list.contains("mailbox=bounded-only"), list);
    }

    @Test
    void badArgumentsAreTypedErrorsNamingWhatExists(@TempDir Path dir) {
        Perf p = perf(deployed(false), dir);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> p.command(List.of("telll")));
        assertTrue(e.getMessage().contains("unknown suite 'telll'; the suites are all, tell, latency"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.command(List.of("tell", "--fast")));
        assertTrue(e.getMessage().startsWith("unknown option '--fast'; usage: perf"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.command(List.of("compare", "a.json")));
        assertTrue(e.getMessage().startsWith("usage: perf"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> p.command(List.of("compare", "a.json", "b.json")));
        assertTrue(e.getMessage().startsWith("no result file 'a.json' here or in "), e.getMessage());
    }

    @Test
    void compareFindsFilesInTheResultsFolder(@TempDir Path dir) throws Exception {
        Perf p = perf(deployed(false), dir);
        p.command(List.of("mailbox"));
        p.command(List.of("mailbox"));
        List<String> names;
        try (Stream<Path> s = Files.list(dir)) {
            names = s.map(f -> f.getFileName().toString()).filter(f -> f.endsWith(".json")).sorted().toList();
        }
        assertEquals(2, names.size(), names.toString());
        String out = p.command(List.of("compare", names.get(0), names.get(1)));
        assertTrue(out.matches("(?s).*queue +hyphae builtin .*x.*"), out);
    }

    /** Loses every 100th plain message it is offered, and says it took it. */
    static class LossyFactory implements MailboxFactory {
        final MailboxFactory delegate;
        final AtomicLong offered = new AtomicLong();

        LossyFactory(MailboxFactory delegate) {
            this.delegate = delegate;
        }

        @Override
        public String name() {
            return "lossy";
        }

        @Override
        public Set<MailboxCapability> capabilities() {
            return delegate.capabilities();
        }

        @Override
        public <E> MailboxQueue<E> create(MailboxSpec spec) {
            MailboxQueue<E> q = delegate.create(spec);
            return new MailboxQueue<>() {
                @Override
                public boolean offer(E e) {
                    if ("m".equals(e) && offered.incrementAndGet() % 100 == 0) {
                        return true;
                    }
                    return q.offer(e);
                }

                @Override
                public E poll() {
                    return q.poll();
                }

                @Override
                public boolean isEmpty() {
                    return q.isEmpty();
                }

                @Override
                public int size() {
                    return q.size();
                }

                @Override
                public int capacity() {
                    return q.capacity();
                }
            };
        }
    }

    @Test
    void aBenchmarkThatLosesMessagesFailsTheRunAfterTheOthersRanAndWereWritten(@TempDir Path dir) throws Exception {
        MailboxFactory builtin = load(MailboxFactory.class).stream().filter(f -> f.name().equals("builtin"))
                .findFirst().orElseThrow();
        LossyFactory lossy = new LossyFactory(builtin);
        system = ActorSystem.builder().name("perf-lossy").mailboxFactory(lossy).build();
        Target t = new Target(system, Optional.empty(), Optional.empty(), List.of(builtin, lossy), List.of());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> perf(t, dir).command(List.of("tell")));
        assertTrue(e.getMessage().startsWith("3 of 6 benchmarks failed: tell1to1 mailbox=lossy: "
                + "java.lang.IllegalStateException: sent "), e.getMessage());
        assertTrue(lines.stream().anyMatch(l -> l.contains("tell1to1 mailbox=builtin") && l.endsWith("ops/s")),
                lines.toString());
        try (Stream<Path> s = Files.list(dir)) {
            assertEquals(3, s.count());
        }
    }
}
