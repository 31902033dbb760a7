package io.hyphae.cluster.nats.internal;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.receptionist.ServiceKey;
import io.hyphae.cluster.nats.MessageCodec;
import io.hyphae.cluster.nats.MessageCodecs;
import io.hyphae.cluster.nats.NatsCluster;
import io.hyphae.cluster.nats.testsupport.NatsServer;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * A Hyphae node in a JVM of its own, for tests across processes: it exports a
 * {@code ledger} that counts numbered entries (distinct, duplicated, out of order), told
 * to it or published on the durable topic {@code audit/+}, and answers price requests on
 * the cluster topic {@code prices/+}. It prints {@code READY}
 * once it has joined, then runs until it is killed.
 */
public final class NodeProcess implements AutoCloseable {

    /** The ledger's protocol. */
    public sealed interface LedgerMsg permits Entry, Tally {
    }

    /** One numbered entry from one sender. */
    public record Entry(String from, long seq) implements LedgerMsg {
    }

    /** Asks for the counts. */
    public record Tally(ActorRef<Counts> replyTo) implements LedgerMsg {
    }

    /** What the ledger has seen. */
    public record Counts(long distinct, long duplicates, long outOfOrder) {
    }

    /** A price request on {@code prices/<item>}. */
    public record Price(String item, ActorRef<Long> replyTo) {
    }

    static final MessageCodec CODEC = MessageCodecs.json(Entry.class, Tally.class, Counts.class, Price.class);

    /** The key the ledger registers under with the cluster's receptionist. */
    static final ServiceKey<LedgerMsg> LEDGERS = ServiceKey.of("ledgers", LedgerMsg.class);

    static final Duration BEAT = Duration.ofMillis(200);
    static final Duration FAILURE = Duration.ofMillis(1500);

    public static void main(String[] args) throws Exception {
        ActorSystem system = ActorSystem.builder().config(ActorSystemConfig.defaults().withName(args[0])
                .withDispatcherThreads(2)).build();
        ActorRef<LedgerMsg> ledger = system.<LedgerMsg>spawn(ctx -> new Actor<LedgerMsg>() {
            final Set<Long> seen = new HashSet<>();
            long duplicates;
            long outOfOrder;
            long last = -1;

            @Override
            public void receive(LedgerMsg m) {
                if (m instanceof Entry e) {
                    if (!seen.add(e.seq())) {
                        duplicates++;
                    }
                    if (e.seq() < last) {
                        outOfOrder++;
                    }
                    last = e.seq();
                } else if (m instanceof Tally t) {
                    t.replyTo().tell(new Counts(seen.size(), duplicates, outOfOrder));
                }
            }
        }, "ledger");
        // Subscribed before the node connects: the durable consumer delivers at once.
        MessageBroker broker = MessageBroker.builder(system).build();
        broker.subscribe("audit/+", ledger);
        NatsCluster node = connect(NatsCluster.builder(system, broker).servers(args[1].split(",")).node(args[0]));
        node.export("ledger", ledger);
        node.receptionist().register(LEDGERS, ledger);
        node.broker().subscribe("prices/+", system.<Price>spawnAnonymous(ctx -> p ->
                p.replyTo().tell((long) p.item().length())));
        System.out.println("READY " + args[0]);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /**
     * Connects with the settings both sides share: cluster topic {@code prices/+}, durable
     * topic {@code audit/#} on three replicas. Retries while the JetStream cluster elects
     * its leaders after it started.
     */
    static NatsCluster connect(NatsCluster.Builder b) throws InterruptedException {
        b.clusterTopics("prices/+").durableTopics("audit/#").durability(3, Duration.ofSeconds(20)).codec(CODEC);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            try {
                return b.connect();
            } catch (io.hyphae.cluster.nats.ClusterException notYet) {
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(250);
            }
        }
    }

    // ------------------------------------------------------------------ the parent's side

    private final Process process;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private NodeProcess(Process process) {
        this.process = process;
        Thread reader = new Thread(() -> {
            try {
                process.getInputStream().transferTo(output);
            } catch (IOException e) {
                // ended
            }
        }, "node-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a node named {@code name} on the given servers and waits for it to join. */
    static NodeProcess start(String name, List<NatsServer> servers) throws Exception {
        List<String> urls = servers.stream().map(NatsServer::url).toList();
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path") + File.pathSeparator + System.getProperty("user.dir")
                + "/target/test-classes");
        cmd.add("-Dorg.slf4j.simpleLogger.log.io.hyphae.cluster=debug");
        cmd.add(NodeProcess.class.getName());
        cmd.add(name);
        cmd.add(String.join(",", urls));
        NodeProcess n = new NodeProcess(new ProcessBuilder(cmd).redirectErrorStream(true).start());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!n.output().contains("READY " + name)) {
            if (!n.process.isAlive() || System.nanoTime() > deadline) {
                n.kill();
                throw new AssertionError("node " + name + " did not start: " + n.output());
            }
            Thread.sleep(20);
        }
        return n;
    }

    /** A thread dump of the node, for a failure message. */
    String threads() {
        try {
            Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "jstack").toString(),
                    Long.toString(process.pid())).redirectErrorStream(true).start();
            return new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "no thread dump: " + e;
        }
    }

    String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    /** Kills the JVM at once: no leave message, no shutdown. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    @Override
    public void close() {
        try {
            kill();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
