package io.hyphae.perf;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Broker routing overhead seen by the producer: the time a {@code publish} to a topic with
 * one subscriber takes against the time a direct {@code tell} to the same actor takes.
 *
 * <p>The subscriber is held busy inside a message during every invocation, so it stays
 * scheduled and neither side pays for waking it: what remains is routing (topic check,
 * index lookup, counters) on one side and the mailbox enqueue on both. Each invocation
 * sends {@value #BATCH} messages; the sink is released and drained outside the timed
 * part. {@code topics} exact topics are subscribed by the same sink and published to in
 * turn. Score = ns per message; routing overhead = {@code producerPublish - producerTell}. The
 * names differ from {@link BrokerBenchmark}'s end-to-end {@code publish} and {@code directTell}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class RoutingBenchmark {

    static final int BATCH = 10_000;

    @Param({"hash", "tree"})
    String index;

    @Param({"10", "10000"})
    int topics;

    ActorSystem system;
    MessageBroker broker;
    ActorRef<Object> sink;
    String[] topicNames;
    final Object message = "m";
    CountDownLatch release;
    int next;

    /** A message that holds the sink until released. */
    record Hold(CountDownLatch entered, CountDownLatch release) {
    }

    static final class Sink implements Actor<Object> {
        @Override
        public void receive(Object m) throws InterruptedException {
            if (m instanceof Hold h) {
                h.entered().countDown();
                h.release().await();
            } else if (m instanceof CompletableFuture<?> f) {
                f.complete(null);
            }
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        system = Systems.create("routing", 2);
        broker = Systems.broker(system, index);
        sink = system.spawnAnonymous(ctx -> new Sink());
        topicNames = new String[topics];
        for (int i = 0; i < topics; i++) {
            topicNames[i] = "region/" + (i % 10) + "/device/" + i;
            broker.subscribe(topicNames[i], sink);
        }
    }

    /** Parks the sink inside a message, so the timed part only enqueues. */
    @Setup(Level.Invocation)
    public void hold() throws InterruptedException {
        CountDownLatch entered = new CountDownLatch(1);
        release = new CountDownLatch(1);
        sink.tell(new Hold(entered, release));
        entered.await();
    }

    /** Lets the sink go and waits until it handled everything sent. */
    @TearDown(Level.Invocation)
    public void drain() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        sink.tell(done);
        release.countDown();
        done.join();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        system.close();
    }

    /** Publish to one subscriber, cycling over all topics. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int producerPublish() {
        String[] t = topicNames;
        int n = t.length;
        int i = next;
        Object m = message;
        int delivered = 0;
        for (int k = 0; k < BATCH; k++) {
            delivered += broker.publish(t[i], m);
            if (++i == n) {
                i = 0;
            }
        }
        next = i;
        return delivered;
    }

    /** Baseline: the same number of messages told to the sink directly. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void producerTell() {
        ActorRef<Object> s = sink;
        Object m = message;
        for (int k = 0; k < BATCH; k++) {
            s.tell(m);
        }
    }
}
