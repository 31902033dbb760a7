package io.hyphae.perf;

import io.hyphae.perf.Mesh.Node;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Message throughput of every dispatcher × mailbox pair against the featureless
 * {@link ReferenceActor}, in one run, so each result is a ratio to the reference measured
 * beside it. All targets run the same handlers ({@link Mesh}); every invocation waits until
 * its messages were handled, and each trial checks at the end that nothing was lost or
 * duplicated.
 *
 * <pre>{@code
 * java -jar perf/target/benchmarks.jar ThroughputJmh -f 1 -wi 3 -i 3 -w 1s -r 1s
 * java -jar perf/target/benchmarks.jar ThroughputJmh -f 1 -wi 3 -i 3 -w 1s -r 1s -jvmArgsAppend -XX:+AlwaysPreTouch
 * }</pre>
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ThroughputJmh {

    /** Messages per tell invocation. */
    public static final int BATCH = 100_000;
    /** Receivers of the round-robin shape. */
    public static final int RECEIVERS = 1_000;
    /** Actors in the ring, many-to-many and hub shapes. */
    public static final int GROUP = 100;
    /** Hops (or round trips) per token, walker or hub sender. */
    public static final int HOPS = 1_000;
    /** Round trips per ping-pong invocation. */
    public static final int ROUNDS = 10_000;

    private static final Object MESSAGE = "m";
    private static final long WAIT_SECONDS = 30;

    /** One target's mesh for one trial. */
    @State(Scope.Benchmark)
    public abstract static class OnTarget {
        /** {@code reference}, or DISPATCHER/MAILBOX. */
        @Param({"reference", "affinity/builtin", "affinity/jctools", "work-stealing/builtin",
            "work-stealing/jctools"})
        public String target;

        /** Threads that run handlers. */
        @Param("2")
        public int threads;

        Mesh mesh;
        /** Units of work completed (tokens finished, senders done); checked in tear-down. */
        final LongAdder completed = new LongAdder();
        final LongAdder expected = new LongAdder();
        volatile CountDownLatch done;

        /**
         * Starts the mesh and the shape.
         *
         * @throws Exception if it cannot start
         */
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            mesh = Mesh.of(target, threads);
            build();
        }

        abstract void build();

        /**
         * Checks the work and stops the mesh.
         *
         * @throws Exception if something was lost or duplicated
         */
        @TearDown(Level.Trial)
        public void tearDown() throws Exception {
            try {
                if (completed.sum() != expected.sum()) {
                    throw new IllegalStateException(target + ": " + completed.sum() + " units completed, "
                            + expected.sum() + " expected");
                }
            } finally {
                mesh.close();
            }
        }

        void await(CountDownLatch latch) throws InterruptedException, TimeoutException {
            if (!latch.await(WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new TimeoutException(target + ": work not done after " + WAIT_SECONDS + " s, "
                        + latch.getCount() + " units missing");
            }
        }
    }

    /** Receivers that count what they get; a latch sent last marks the end of a batch. */
    public abstract static class Receivers extends OnTarget {
        final List<Node> nodes = new ArrayList<>();
        final LongAdder sent = new LongAdder();
        final long[] received = new long[RECEIVERS * 16];
        Node publisher;

        abstract int count();

        @Override
        void build() {
            for (int i = 0; i < count(); i++) {
                int slot = i * 16;
                nodes.add(mesh.spawn(m -> {
                    if (m instanceof CountDownLatch l) {
                        completed.increment();
                        l.countDown();
                    } else {
                        received[slot]++;
                    }
                }));
            }
        }

        double send() throws Exception {
            int n = nodes.size();
            for (int i = 0; i < BATCH; i++) {
                nodes.get(i % n).tell(MESSAGE);
            }
            sent.add(BATCH);
            CountDownLatch end = new CountDownLatch(n);
            expected.add(n);
            for (Node node : nodes) {
                node.tell(end);
            }
            await(end);
            return end.getCount();
        }

        /** One message to every receiver, waiting until each has it: a fan-out's latency. */
        double fanOut() throws Exception {
            CountDownLatch end = new CountDownLatch(nodes.size());
            expected.add(nodes.size());
            for (Node node : nodes) {
                node.tell(end);
            }
            await(end);
            return end.getCount();
        }

        /**
         * One publish that reaches every receiver (a broker topic on Hyphae, a loop of tells
         * on the reference), waiting until each has it.
         */
        double publish() throws Exception {
            if (publisher == null) {
                publisher = mesh.publisher(nodes);
            }
            CountDownLatch end = new CountDownLatch(nodes.size());
            expected.add(nodes.size());
            publisher.tell(end);
            await(end);
            return end.getCount();
        }

        @Override
        public void tearDown() throws Exception {
            long got = 0;
            for (int i = 0; i < received.length; i += 16) {
                got += received[i];
            }
            if (got != sent.sum()) {
                mesh.close();
                throw new IllegalStateException(target + ": " + got + " messages received, " + sent.sum() + " sent");
            }
            super.tearDown();
        }
    }

    /** One receiver. */
    public static class OneReceiver extends Receivers {
        @Override
        int count() {
            return 1;
        }
    }

    /** {@value #RECEIVERS} receivers, round robin. */
    public static class ManyReceivers extends Receivers {
        @Override
        int count() {
            return RECEIVERS;
        }
    }

    /** {@value #GROUP} actors in a ring passing {@value #GROUP} tokens of {@value #HOPS} hops each. */
    public static class Ring extends OnTarget {
        final Node[] ring = new Node[GROUP];

        @Override
        void build() {
            for (int i = 0; i < GROUP; i++) {
                int next = (i + 1) % GROUP;
                ring[i] = mesh.spawn(m -> {
                    int[] token = (int[]) m;
                    if (--token[0] == 0) {
                        completed.increment();
                        done.countDown();
                    } else {
                        ring[next].tell(token);
                    }
                });
            }
        }

        double run() throws Exception {
            CountDownLatch latch = new CountDownLatch(GROUP);
            done = latch;
            expected.add(GROUP);
            for (Node n : ring) {
                n.tell(new int[] {HOPS});
            }
            await(latch);
            return latch.getCount();
        }
    }

    /** {@value #GROUP} actors sending {@value #GROUP} walkers to random peers, {@value #HOPS} hops each. */
    public static class Peers extends OnTarget {
        final Node[] peers = new Node[GROUP];

        @Override
        void build() {
            for (int i = 0; i < GROUP; i++) {
                peers[i] = mesh.spawn(m -> {
                    long[] walker = (long[]) m;
                    if (--walker[0] == 0) {
                        completed.increment();
                        done.countDown();
                        return;
                    }
                    long x = walker[1];
                    x ^= x << 13;
                    x ^= x >>> 7;
                    x ^= x << 17;
                    walker[1] = x;
                    peers[(int) ((x >>> 1) % GROUP)].tell(walker);
                });
            }
        }

        double run() throws Exception {
            CountDownLatch latch = new CountDownLatch(GROUP);
            done = latch;
            expected.add(GROUP);
            for (int i = 0; i < GROUP; i++) {
                peers[i].tell(new long[] {HOPS, 0x9E3779B97F4A7C15L * (i + 1)});
            }
            await(latch);
            return latch.getCount();
        }
    }

    /** {@value #GROUP} senders, each with one request at a time to a hub that answers each. */
    public static class Hub extends OnTarget {
        final Node[] senders = new Node[GROUP];
        Node hub;

        /** A request that carries its sender; the hub sends it back as the reply. */
        static final class Request {
            final Node from;
            int left;

            Request(Node from) {
                this.from = from;
            }
        }

        @Override
        void build() {
            hub = mesh.spawn(m -> ((Request) m).from.tell(m));
            for (int i = 0; i < GROUP; i++) {
                senders[i] = mesh.spawn(m -> {
                    Request r = (Request) m;
                    if (--r.left == 0) {
                        completed.increment();
                        done.countDown();
                    } else {
                        hub.tell(r);
                    }
                });
            }
        }

        double run() throws Exception {
            CountDownLatch latch = new CountDownLatch(GROUP);
            done = latch;
            expected.add(GROUP);
            for (Node s : senders) {
                Request r = new Request(s);
                r.left = HOPS;
                hub.tell(r);
            }
            await(latch);
            return latch.getCount();
        }
    }

    /** Two actors bouncing a ball. */
    public static class Rally extends OnTarget {
        Node ping;
        Node pong;

        @Override
        void build() {
            pong = mesh.spawn(m -> ping.tell(m));
            ping = mesh.spawn(m -> {
                int[] ball = (int[]) m;
                if (--ball[0] == 0) {
                    completed.increment();
                    done.countDown();
                } else {
                    pong.tell(ball);
                }
            });
        }

        double run() throws Exception {
            CountDownLatch latch = new CountDownLatch(1);
            done = latch;
            expected.add(1);
            pong.tell(new int[] {ROUNDS});
            await(latch);
            return latch.getCount();
        }
    }

    /**
     * One sender, one receiver.
     *
     * @param t the trial
     * @return the latch count, to be consumed
     * @throws Exception if the batch was not handled in time
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public double tell1to1(OneReceiver t) throws Exception {
        return t.send();
    }

    /**
     * Two senders, one receiver.
     *
     * @param t the trial
     * @return the latch count
     * @throws Exception if the batch was not handled in time
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    @Threads(2)
    public double tell2to1(OneReceiver t) throws Exception {
        return t.send();
    }

    /**
     * One sender, {@value #RECEIVERS} receivers round robin.
     *
     * @param t the trial
     * @return the latch count
     * @throws Exception if the batch was not handled in time
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(BATCH)
    public double tell1to1000(ManyReceivers t) throws Exception {
        return t.send();
    }

    /**
     * One message to each of {@value #RECEIVERS} actors, until all have it: the direct-tell
     * analogue of a publish to that many subscribers.
     *
     * @param t the trial
     * @return the latch count
     * @throws Exception if the fan-out was not handled in time
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double fanOut1000(ManyReceivers t) throws Exception {
        return t.fanOut();
    }

    /**
     * One publish to a topic with {@value #RECEIVERS} subscribers, until all have it. The
     * reference has no broker, so its figure is the same fan-out as direct tells.
     *
     * @param t the trial
     * @return the latch count
     * @throws Exception if the publish was not handled in time
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.MICROSECONDS)
    public double publish1000(ManyReceivers t) throws Exception {
        return t.publish();
    }

    /**
     * Token ring: messages (hops) per second.
     *
     * @param t the trial
     * @return the latch count
     * @throws Exception if the tokens did not finish in time
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(GROUP * HOPS)
    public double ring100(Ring t) throws Exception {
        return t.run();
    }

    /**
     * Many to many: messages per second.
     *
     * @param t the trial
     * @return the latch count
     * @throws Exception if the walkers did not finish in time
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(GROUP * HOPS)
    public double manyToMany(Peers t) throws Exception {
        return t.run();
    }

    /**
     * Hub: requests answered per second.
     *
     * @param t the trial
     * @return the latch count
     * @throws Exception if the senders did not finish in time
     */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(GROUP * HOPS)
    public double hub(Hub t) throws Exception {
        return t.run();
    }

    /**
     * Ping-pong: nanoseconds per round trip.
     *
     * @param t the trial
     * @return the latch count
     * @throws Exception if the rally did not finish in time
     */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(ROUNDS)
    public double pingPong(Rally t) throws Exception {
        return t.run();
    }
}
