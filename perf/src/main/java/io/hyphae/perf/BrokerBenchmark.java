package io.hyphae.perf;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import java.util.concurrent.CompletableFuture;
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
 * Broker routing overhead: a publish to a topic with one subscriber against a direct tell
 * to the same actor, end to end (each invocation waits until the actor handled the batch).
 * {@code topics} exact topics are subscribed, each by the same sink. Also subscribe/cancel
 * churn. Score = ns per message (or per subscribe+cancel).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class BrokerBenchmark {

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

    /** Completes a future it is sent; ignores everything else. */
    static final class Sink implements Actor<Object> {
        @Override
        public void receive(Object m) {
            if (m instanceof CompletableFuture<?> f) {
                f.complete(null);
            }
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        system = Systems.create("broker", 2);
        broker = Systems.broker(system, index);
        sink = system.spawnAnonymous(ctx -> new Sink());
        topicNames = new String[topics];
        for (int i = 0; i < topics; i++) {
            topicNames[i] = "region/" + (i % 10) + "/device/" + i;
            broker.subscribe(topicNames[i], sink);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        system.close();
    }

    /** Publish to one subscriber, cycling over all topics. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void publish() {
        String[] t = topicNames;
        int n = t.length;
        Object m = message;
        for (int i = 0; i < BATCH; i++) {
            broker.publish(t[i % n], m);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        sink.tell(done);
        done.join();
    }

    /** Baseline: the same messages told to the sink directly. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void directTell() {
        ActorRef<Object> s = sink;
        Object m = message;
        for (int i = 0; i < BATCH; i++) {
            s.tell(m);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        s.tell(done);
        done.join();
    }

    /** Subscribe to a wildcard pattern and cancel again. */
    @Benchmark
    public void subscribeCancel() {
        broker.subscribe("region/+/churn/#", sink).cancel();
    }
}
