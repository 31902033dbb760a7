package io.hyphae.perf;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.shutdown.ShutdownSettings;
import io.hyphae.cluster.nats.MessageCodec;
import io.hyphae.cluster.nats.MessageCodecs;
import io.hyphae.cluster.nats.NatsCluster;
import io.hyphae.cluster.nats.testsupport.NatsServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Remote actors across two JVMs on one loopback NATS server, then the same on Apache
 * Pekko's Artery ({@link PekkoRemote}) in the same run: a harness, run by hand (see
 * perf/README, "Cluster on NATS"; {@code -Dremotebench.hyphaeOnly=true} skips Pekko). The
 * second JVMs get this JVM's flags. This JVM starts the server and a second JVM whose node
 * exports {@code sink}, an actor that counts {@link Tick}s and answers {@link Count}
 * requests. Then, from this JVM's node: rounds of small tells as fast as one thread sends
 * them, each timed until the sink has counted all of them (every message is accounted for),
 * and sequential asks, each timed from the call to the reply. Prints one line per round and
 * the ask percentiles.
 */
public final class RemoteBench {

    /** A small message: 8 bytes of payload. */
    public record Tick(long n) {
    }

    /** Asks the sink how many ticks it counted. */
    public record Count(ActorRef<Long> replyTo) {
    }

    static final MessageCodec CODEC = MessageCodecs.json(Tick.class, Count.class);

    /** What a round needs of either runtime: one tell, and an ask for the sink's count. */
    interface Target {
        void tell();

        long count();
    }

    private RemoteBench() {
    }

    /**
     * Runs the benchmark, or with {@code --sink URL} the second JVM's node.
     *
     * @param args {@code [ticksPerRound [rounds [asks]]]} or {@code --sink URL}
     * @throws Exception if the benchmark cannot run
     */
    public static void main(String[] args) throws Exception {
        if (args.length == 2 && args[0].equals("--sink")) {
            sink(args[1]);
            return;
        }
        if (args.length == 2 && args[0].equals("--raw-echo")) {
            rawEcho(args[1]);
            return;
        }
        if (args.length == 1 && args[0].equals("--pekko-sink")) {
            PekkoRemote.sink();
            return;
        }
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        int asks = args.length > 2 ? Integer.parseInt(args[2]) : 20_000;
        try (NatsServer server = NatsServer.start()) {
            Process child = startChild(List.of("--sink", server.url())).process();
            try (ActorSystem system = system("source")) {
                NatsCluster node = NatsCluster.builder(system, MessageBroker.builder(system).build())
                        .servers(server.url()).node("source").codec(CODEC).connect();
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                while (!node.exports().containsKey("sink")) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("the sink's node did not appear");
                    }
                    Thread.sleep(10);
                }
                ActorRef<Object> sink = node.actor("sink");
                Target target = new Target() {
                    private final Tick tick = new Tick(42);

                    @Override
                    public void tell() {
                        sink.tell(tick);
                    }

                    @Override
                    public long count() {
                        return system.<Object, Long>ask(sink, Count::new, Duration.ofSeconds(30)).toCompletableFuture()
                                .join();
                    }
                };
                try {
                    tells("hyphae", target, perRound, rounds);
                    asks("hyphae", target, asks);
                } catch (RuntimeException e) {
                    System.out.println("failed: " + e + "\n" + node.metrics() + "\nserver:\n" + server.output());
                    throw e;
                }
                System.out.println(node.metrics());
                node.close();
            } finally {
                child.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
            rawFloor(server.url(), asks);
        }
        if (!Boolean.getBoolean("remotebench.hyphaeOnly")) {
            Child pekko = startChild(List.of("--pekko-sink"));
            try {
                PekkoRemote.measure(Integer.parseInt(pekko.ready().substring("READY ".length()).trim()), perRound,
                        rounds, asks);
            } finally {
                pekko.process().destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    static void tells(String who, Target target, int perRound, int rounds) {
        long total = target.count();
        for (int r = 1; r <= rounds; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < perRound; i++) {
                target.tell();
            }
            long sent = System.nanoTime();
            total += perRound;
            long counted;
            long stall = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while ((counted = target.count()) < total) {
                if (System.nanoTime() > stall) {
                    throw new IllegalStateException(who + " round " + r + ": " + counted + " of " + total
                            + " counted after 60 s");
                }
                Thread.onSpinWait();
            }
            long t1 = System.nanoTime();
            System.out.printf(Locale.ROOT, "%s tell round %d: %,d sent in %.0f ms, all %,d counted after %.0f ms: "
                    + "%,.0f msg/s%n", who, r, perRound, (sent - t0) / 1e6, counted, (t1 - t0) / 1e6,
                    perRound / ((t1 - t0) / 1e9));
        }
    }

    static void asks(String who, Target target, int n) {
        for (int i = 0; i < n / 4; i++) {
            target.count(); // warm-up
        }
        long[] nanos = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            target.count();
            nanos[i] = System.nanoTime() - t0;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "%s ask round trip over %,d asks: p50 %.1f µs, p90 %.1f µs, p99 %.1f µs, "
                + "p99.9 %.1f µs, max %.1f µs%n", who, n, nanos[n / 2] / 1e3, nanos[n * 9 / 10] / 1e3,
                nanos[n * 99 / 100] / 1e3, nanos[n * 999 / 1000] / 1e3, nanos[n - 1] / 1e3);
    }

    /**
     * The floor under a remote ask: the NATS client's own request and reply between the
     * same two JVMs and server, no actors, no codec.
     */
    private static void rawFloor(String url, int n) throws IOException, InterruptedException {
        Process echo = startChild(List.of("--raw-echo", url)).process();
        io.nats.client.Connection c = io.nats.client.Nats.connect(url);
        try {
            byte[] body = new byte[16];
            Target raw = new Target() {
                @Override
                public void tell() {
                    throw new UnsupportedOperationException();
                }

                @Override
                public long count() {
                    try {
                        return c.request("bench.raw.echo", body, Duration.ofSeconds(5)).getData().length;
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        throw new IllegalStateException(e);
                    }
                }
            };
            asks("nats client, no actors:", raw, n);
        } finally {
            c.close();
            echo.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void rawEcho(String url) throws IOException, InterruptedException, TimeoutException {
        io.nats.client.Connection c = io.nats.client.Nats.connect(url);
        c.createDispatcher(m -> c.publish(m.getReplyTo(), m.getData())).subscribe("bench.raw.echo");
        c.flush(Duration.ofSeconds(5));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    private static ActorSystem system(String name) {
        return ActorSystem.builder().config(ActorSystemConfig.defaults().withName(name).withDispatcherThreads(1)
                .withShutdown(ShutdownSettings.defaults().withJvmHook(false))).build();
    }

    /** A second JVM and the line it printed when ready. */
    private record Child(Process process, String ready) {
    }

    private static Child startChild(List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // The same JVM flags as this one (heap, pre-touch), so both sides run alike.
        cmd.addAll(java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments());
        cmd.addAll(List.of("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", System.getProperty("java.class.path"),
                RemoteBench.class.getName()));
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        InputStream in = p.getInputStream();
        StringBuilder out = new StringBuilder();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!out.toString().matches("(?s).*READY[^\n]*\n.*")) {
            if (!p.isAlive() || System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("the sink JVM did not start: " + out);
            }
            if (in.available() > 0) {
                out.append(new String(in.readNBytes(in.available()), StandardCharsets.UTF_8));
            } else {
                Thread.sleep(10);
            }
        }
        Thread drain = new Thread(() -> {
            try {
                in.transferTo(System.err);
            } catch (IOException e) {
                // ended
            }
        }, "sink-output");
        drain.setDaemon(true);
        drain.start();
        String ready = out.toString().replaceAll("(?s).*(READY[^\n]*)\n.*", "$1");
        return new Child(p, ready);
    }

    private static void sink(String url) throws InterruptedException {
        ActorSystem system = system("sink");
        NatsCluster node = NatsCluster.builder(system, MessageBroker.builder(system).build()).servers(url).node("sink")
                .codec(CODEC).connect();
        long[] counted = new long[1];
        node.export("sink", system.spawn(ctx -> m -> {
            if (m instanceof Tick) {
                counted[0]++;
            } else if (m instanceof Count c) {
                c.replyTo().tell(counted[0]);
            }
        }, "sink"));
        System.out.println("READY");
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
