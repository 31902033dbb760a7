package io.hyphae.cluster.nats.internal;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.shutdown.ShutdownSettings;
import io.hyphae.cluster.nats.MessageCodecs;
import io.hyphae.cluster.nats.NatsCluster;
import io.hyphae.cluster.nats.testsupport.NatsServer;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A measuring harness, not a test (run by hand; see perf/README): two nodes in one JVM on a
 * real loopback server; node a publishes small records on a cluster topic as fast as it
 * can, node b's subscriber counts them. Prints messages per second received at b, per
 * round. Not a JMH benchmark: issue 21 asks for two JVMs and a comparison with Pekko.
 */
public final class ClusterThroughput {

    record Tick(long n) {
    }

    private ClusterThroughput() {
    }

    public static void main(String[] args) throws Exception {
        int perRound = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 5;
        try (NatsServer server = NatsServer.start();
                ActorSystem a = system("tp-a");
                ActorSystem b = system("tp-b")) {
            NatsCluster na = NatsCluster.builder(a, MessageBroker.builder(a).build()).servers(server.url())
                    .node("a").clusterTopics("t/#").codec(MessageCodecs.json(Tick.class)).connect();
            NatsCluster nb = NatsCluster.builder(b, MessageBroker.builder(b).build()).servers(server.url())
                    .node("b").clusterTopics("t/#").codec(MessageCodecs.json(Tick.class)).connect();
            AtomicLong got = new AtomicLong();
            nb.broker().subscribe("t/x", b.spawnAnonymous(ctx -> m -> got.incrementAndGet()));
            Thread.sleep(200);
            Tick tick = new Tick(42);
            for (int r = 1; r <= rounds; r++) {
                long target = got.get() + perRound;
                long t0 = System.nanoTime();
                for (int i = 0; i < perRound; i++) {
                    na.broker().publish("t/x", tick);
                }
                long sent = System.nanoTime();
                long deadline = sent + TimeUnit.SECONDS.toNanos(60);
                while (got.get() < target && System.nanoTime() < deadline) {
                    Thread.sleep(1);
                }
                long t1 = System.nanoTime();
                System.out.printf("round %d: %,d sent in %.0f ms, %,d received in %.0f ms: %,.0f msg/s end to end%n",
                        r, perRound, (sent - t0) / 1e6, got.get() - (target - perRound), (t1 - t0) / 1e6,
                        (got.get() - (target - perRound)) / ((t1 - t0) / 1e9));
            }
            System.out.println(na.metrics() + " " + nb.metrics());
            na.close();
            nb.close();
        }
    }

    private static ActorSystem system(String name) {
        return ActorSystem.builder().config(ActorSystemConfig.defaults().withName(name).withDispatcherThreads(1)
                .withShutdown(ShutdownSettings.defaults().withJvmHook(false))).build();
    }
}
