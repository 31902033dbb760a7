package io.hyphae.perf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.AbstractActor;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.ExtendedActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.apache.pekko.serialization.Serialization;
import org.apache.pekko.serialization.SerializerWithStringManifest;

/**
 * The peer of {@link RemoteBench}: the same two-JVM shape on Apache Pekko remoting
 * (Artery over TCP, loopback), with a hand-written binary serializer for the two messages
 * (8 bytes for a tick, the actor path for an ask) so Pekko does not pay for Java
 * serialization. The sending side's outbound queue is large enough that Artery drops
 * nothing in a burst.
 */
final class PekkoRemote {

    /** A tick. */
    record PTick(long n) {
    }

    /** Asks for the count. */
    record PCount(ActorRef replyTo) {
    }

    private PekkoRemote() {
    }

    /** Ticks as 8 bytes, asks as the reply path; bound to both messages in {@link #config}. */
    public static final class BenchSerializer extends SerializerWithStringManifest {
        private final ExtendedActorSystem system;

        /**
         * Made by Pekko.
         *
         * @param system the system
         */
        public BenchSerializer(ExtendedActorSystem system) {
            this.system = system;
        }

        @Override
        public int identifier() {
            return 47_110;
        }

        @Override
        public String manifest(Object o) {
            return o instanceof PTick ? "T" : "C";
        }

        @Override
        public byte[] toBinary(Object o) {
            if (o instanceof PTick t) {
                return ByteBuffer.allocate(8).putLong(t.n()).array();
            }
            return Serialization.serializedActorPath(((PCount) o).replyTo()).getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public Object fromBinary(byte[] bytes, String manifest) {
            if (manifest.equals("T")) {
                return new PTick(ByteBuffer.wrap(bytes).getLong());
            }
            return new PCount(system.provider().resolveActorRef(new String(bytes, StandardCharsets.UTF_8)));
        }
    }

    /** Counts ticks; answers asks with the count. */
    static final class Sink extends AbstractActor {
        private long count;

        @Override
        public Receive createReceive() {
            return receiveBuilder()
                    .match(PTick.class, t -> count++)
                    .match(PCount.class, c -> c.replyTo().tell(count, getSelf()))
                    .build();
        }
    }

    static Config config(int port) {
        String cls = PekkoRemote.class.getName();
        return ConfigFactory.parseString(String.join("\n",
                "pekko.loglevel = WARNING",
                "pekko.actor.provider = remote",
                "pekko.remote.artery.transport = tcp",
                "pekko.remote.artery.canonical.hostname = \"127.0.0.1\"",
                "pekko.remote.artery.canonical.port = " + port,
                "pekko.remote.artery.advanced.outbound-message-queue-size = 2000000",
                "pekko.actor.serializers.bench = \"" + cls + "$BenchSerializer\"",
                "pekko.actor.serialization-bindings {",
                "  \"" + cls + "$PTick\" = bench",
                "  \"" + cls + "$PCount\" = bench",
                "}")).withFallback(ConfigFactory.load());
    }

    /** The second JVM: prints {@code READY port} and runs until killed. */
    static void sink() throws InterruptedException {
        ActorSystem system = ActorSystem.create("sink", config(0));
        system.actorOf(Props.create(Sink.class, Sink::new), "sink");
        System.out.println("READY " + system.provider().getDefaultAddress().getPort().get());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The measuring side, given the sink's port; the same shape as Hyphae's. */
    static void measure(int port, int perRound, int rounds, int asks) {
        ActorSystem system = ActorSystem.create("source", config(0));
        try {
            ActorRef sink = system.actorSelection("pekko://sink@127.0.0.1:" + port + "/user/sink")
                    .resolveOne(Duration.ofSeconds(30)).toCompletableFuture().join();
            RemoteBench.Target target = new RemoteBench.Target() {
                private final PTick tick = new PTick(42);

                @Override
                public void tell() {
                    sink.tell(tick, ActorRef.noSender());
                }

                @Override
                public long count() {
                    return (Long) Patterns.askWithReplyTo(sink, PCount::new, Duration.ofSeconds(30))
                            .toCompletableFuture().join();
                }
            };
            RemoteBench.tells("pekko", target, perRound, rounds);
            RemoteBench.asks("pekko", target, asks);
        } finally {
            system.terminate();
            try {
                system.getWhenTerminated().toCompletableFuture().get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                // the JVM ends anyway
            }
        }
    }
}
