package io.hyphae.perf.suite;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.perf.workload.ActorWorkloads;
import io.hyphae.perf.workload.BrokerWorkloads;
import io.hyphae.perf.workload.MailboxWorkloads;
import io.hyphae.perf.workload.SupervisionWorkloads;
import io.hyphae.perf.workload.UpgradeWorkloads;
import io.hyphae.perf.workload.BundleHost;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The suites and their benchmarks, per deployed implementation, in quick and full sizes. */
final class Suites {

    /** Every suite, in the order {@code all} runs them. */
    static final List<String> NAMES = List.of("tell", "latency", "dispatch", "supervision", "upgrade", "broker",
            "mailbox", "footprint");

    private Suites() {
    }

    /**
     * What a suite would run on a target.
     *
     * @param specs the benchmarks, in run order
     * @param skipped what cannot run, and why
     */
    record Plan(List<Spec> specs, List<String> skipped) {
    }

    /**
     * Plans a suite.
     *
     * @param target the deployed services
     * @param suite a name from {@link #NAMES}, or {@code all}
     * @param quick smallest sizes, for a smoke run
     * @return the plan
     * @throws IllegalArgumentException for an unknown suite, naming the known ones
     */
    static Plan plan(Target target, String suite, boolean quick) {
        if (!suite.equals("all") && !NAMES.contains(suite)) {
            throw new IllegalArgumentException("unknown suite '" + suite + "'; the suites are all, "
                    + String.join(", ", NAMES));
        }
        List<Spec> specs = new ArrayList<>();
        List<String> skipped = new ArrayList<>();
        for (MailboxFactory f : target.mailboxes()) {
            if (!target.usableMailboxes().contains(f)) {
                skipped.add("mailbox factory '" + f.name() + "': it makes no unbounded mailbox, which the "
                        + "benchmarks use");
            }
        }
        for (String s : NAMES) {
            if (suite.equals("all") || suite.equals(s)) {
                add(target, s, quick, specs, skipped);
            }
        }
        return new Plan(specs, skipped);
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> m = new LinkedHashMap<>();
        for (int i = 0; i < kv.length; i += 2) {
            m.put(kv[i], kv[i + 1]);
        }
        return m;
    }

    private static void add(Target t, String suite, boolean quick, List<Spec> out, List<String> skipped) {
        ActorSystem sys = t.system();
        List<String> mailboxes = t.mailboxNames();
        switch (suite) {
            case "tell" -> {
                int batch = quick ? ActorWorkloads.QUICK_BATCH : ActorWorkloads.BATCH;
                for (String m : mailboxes) {
                    out.add(new Spec(suite, "tell1to1", Mode.THROUGHPUT, "ops/s", 1, params("mailbox", m),
                            () -> new ActorWorkloads.Tell(sys, m, 1, batch)));
                    out.add(new Spec(suite, "tell2to1", Mode.THROUGHPUT, "ops/s", 2, params("mailbox", m),
                            () -> new ActorWorkloads.Tell(sys, m, 1, batch)));
                    out.add(new Spec(suite, "tell1to1000", Mode.THROUGHPUT, "ops/s", 1, params("mailbox", m),
                            () -> new ActorWorkloads.Tell(sys, m, ActorWorkloads.RECEIVERS, batch)));
                }
            }
            case "latency" -> {
                int rounds = quick ? ActorWorkloads.QUICK_ROUNDS : ActorWorkloads.ROUNDS;
                int spawns = quick ? ActorWorkloads.QUICK_SPAWNS : ActorWorkloads.SPAWNS;
                for (String m : mailboxes) {
                    out.add(new Spec(suite, "pingPong", Mode.AVERAGE, "ns/op", 1, params("mailbox", m),
                            () -> new ActorWorkloads.PingPong(sys, m, rounds)));
                    out.add(new Spec(suite, "externalAsk", Mode.SAMPLE, "ns/op", 1, params("mailbox", m),
                            () -> new ActorWorkloads.ExternalAsk(sys, m)));
                    out.add(new Spec(suite, "spawnAndStop", Mode.AVERAGE, "ns/op", 1, params("mailbox", m),
                            () -> new ActorWorkloads.SpawnAndStop(sys, m, spawns)));
                }
            }
            case "dispatch" -> {
                // Once per deployed dispatcher, on the best-ranked mailbox.
                int batch = quick ? ActorWorkloads.QUICK_BATCH : ActorWorkloads.BATCH;
                int rounds = quick ? ActorWorkloads.QUICK_ROUNDS : ActorWorkloads.ROUNDS;
                String m = mailboxes.get(0);
                for (String d : sys.dispatchers()) {
                    SpawnOptions on = ActorWorkloads.on(m, d);
                    Map<String, String> p = params("dispatcher", d, "mailbox", m);
                    out.add(new Spec(suite, "tell1to1", Mode.THROUGHPUT, "ops/s", 1, p,
                            () -> new ActorWorkloads.Tell(sys, on, 1, batch)));
                    out.add(new Spec(suite, "tell1to1000", Mode.THROUGHPUT, "ops/s", 1, p,
                            () -> new ActorWorkloads.Tell(sys, on, ActorWorkloads.RECEIVERS, batch)));
                    out.add(new Spec(suite, "pingPong", Mode.AVERAGE, "ns/op", 1, p,
                            () -> new ActorWorkloads.PingPong(sys, on, rounds)));
                }
            }
            case "supervision" -> {
                if (t.supervision().isEmpty()) {
                    skipped.add("supervision: no Supervision service is deployed");
                    return;
                }
                Supervision sup = t.supervision().get();
                int spawns = quick ? SupervisionWorkloads.QUICK_SPAWNS : SupervisionWorkloads.SPAWNS;
                out.add(new Spec(suite, "supervisedSpawn", Mode.AVERAGE, "ns/op", 1, params(),
                        () -> new SupervisionWorkloads.SupervisedSpawn(sys, sup, spawns)));
                out.add(new Spec(suite, "supervisedRestart", Mode.SAMPLE, "ns/op", 1, params(),
                        () -> new SupervisionWorkloads.Restart(sys, sup, true)));
                out.add(new Spec(suite, "terminateAndRestartChild", Mode.SAMPLE, "ns/op", 1, params(),
                        () -> new SupervisionWorkloads.Restart(sys, sup, false)));
            }
            case "upgrade" -> {
                int queued = quick ? UpgradeWorkloads.QUICK_QUEUED : UpgradeWorkloads.QUEUED;
                String n = Integer.toString(queued);
                for (UpgradeWorkloads.Change c : UpgradeWorkloads.Change.values()) {
                    if (c == UpgradeWorkloads.Change.BUNDLE && (t.bundles().isEmpty() || t.supervision().isEmpty())) {
                        skipped.add("upgrade change=bundle: needs a container with the supervision bundle");
                        continue;
                    }
                    BundleHost host = t.bundles().orElse(null);
                    out.add(new Spec(suite, "upgradePause", Mode.SAMPLE, "ns/op", 1,
                            params("change", c.param(), "queued", n),
                            () -> new UpgradeWorkloads.Pause(sys, c, queued, host)));
                }
            }
            case "broker" -> {
                int batch = quick ? BrokerWorkloads.QUICK_BATCH : BrokerWorkloads.BATCH;
                if (t.broker().isEmpty()) {
                    skipped.add("broker: no MessageBroker service is deployed (topic lookups still run)");
                } else {
                    MessageBroker b = t.broker().get();
                    String index = b.metrics().index();
                    for (int topics : quick ? new int[] {10} : new int[] {10, 10_000}) {
                        String n = Integer.toString(topics);
                        out.add(new Spec(suite, "producerPublish", Mode.AVERAGE, "ns/op", 1,
                                params("index", index, "topics", n),
                                () -> new BrokerWorkloads.Publish(sys, b, topics, batch, false)));
                        out.add(new Spec(suite, "producerTell", Mode.AVERAGE, "ns/op", 1, params("topics", n),
                                () -> new BrokerWorkloads.Publish(sys, b, topics, batch, true)));
                    }
                    for (int subs : quick ? new int[] {10, 100} : new int[] {10, 100, 1_000}) {
                        out.add(new Spec(suite, "fanOut", Mode.AVERAGE, "ns/op", 1,
                                params("index", index, "subscribers", Integer.toString(subs)),
                                () -> new BrokerWorkloads.FanOut(sys, b, subs)));
                    }
                }
                if (t.indexes().isEmpty()) {
                    skipped.add("broker: no TopicIndexFactory service is deployed, so no topic lookups");
                }
                for (TopicIndexFactory f : t.indexes()) {
                    for (int topics : quick ? new int[] {10, 1_000} : new int[] {10, 1_000, 100_000}) {
                        out.add(new Spec(suite, "topicLookup", Mode.AVERAGE, "ns/op", 1,
                                params("index", f.name(), "topics", Integer.toString(topics)),
                                () -> new BrokerWorkloads.Lookup(f, topics, BrokerWorkloads.LOOKUPS)));
                    }
                }
            }
            case "mailbox" -> {
                for (MailboxFactory f : t.usableMailboxes()) {
                    out.add(new Spec(suite, "queue", Mode.AVERAGE, "ns/op", 1, params("mailbox", f.name()),
                            () -> new MailboxWorkloads.Queue(f, MailboxWorkloads.BATCH)));
                }
                if (mailboxes.size() < 2) {
                    skipped.add("mailbox: swapMailbox needs two mailbox factories, " + mailboxes.size() + " deployed");
                } else {
                    String from = mailboxes.get(0);
                    String to = mailboxes.get(1);
                    out.add(new Spec(suite, "swapMailbox", Mode.SAMPLE, "ns/op", 1,
                            params("mailbox", from + "<->" + to, "queued", Integer.toString(MailboxWorkloads.QUEUED)),
                            () -> new MailboxWorkloads.Swap(sys, from, to, MailboxWorkloads.QUEUED)));
                }
            }
            case "footprint" -> {
                int actors = quick ? 10_000 : 100_000;
                for (String m : mailboxes) {
                    out.add(new Spec(suite, "idleActor", Mode.SINGLE_SHOT, "B/actor", 1,
                            params("mailbox", m, "actors", Integer.toString(actors)),
                            () -> new ActorWorkloads.IdleBytes(sys, m, actors)));
                }
            }
            default -> throw new IllegalArgumentException("unknown suite '" + suite + "'");
        }
    }
}
