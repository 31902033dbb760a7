package io.hyphae.perf;

import io.hyphae.perf.workload.ActorWorkloads;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
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
 * {@link ActorJmh}'s three shapes on Pekko typed: same batch, same receivers, same
 * end-of-batch future. Score = messages per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class PekkoTellBenchmark {

    @Param("2")
    int threads;

    ActorSystem<Void> system;
    ActorRef<Object> sink;
    List<ActorRef<Object>> sinks;
    final Object message = "m";

    /** Counts messages; completes a future it is sent. */
    static final class Sink extends AbstractBehavior<Object> {
        long count;

        Sink(ActorContext<Object> ctx) {
            super(ctx);
        }

        @Override
        public Receive<Object> createReceive() {
            return newReceiveBuilder().onAnyMessage(m -> {
                if (m instanceof CompletableFuture<?> f) {
                    f.complete(null);
                } else {
                    count++;
                }
                return this;
            }).build();
        }
    }

    static Behavior<Object> sink() {
        return Behaviors.setup(Sink::new);
    }

    @Setup(Level.Trial)
    public void setup() {
        system = PekkoPeer.create("tell", threads);
        sink = system.systemActorOf(sink(), "sink", Props.empty());
        sinks = new ArrayList<>();
        for (int i = 0; i < ActorWorkloads.RECEIVERS; i++) {
            sinks.add(system.systemActorOf(sink(), "sink-" + i, Props.empty()));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        PekkoPeer.terminate(system);
    }

    /** One sender, one receiver. */
    @Benchmark
    @OperationsPerInvocation(ActorWorkloads.BATCH)
    public void tell1to1() {
        ActorRef<Object> s = sink;
        Object m = message;
        for (int i = 1; i < ActorWorkloads.BATCH; i++) {
            s.tell(m);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        s.tell(done);
        done.join();
    }

    /** Two senders, one receiver. */
    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(ActorWorkloads.BATCH)
    public void tell2to1() {
        tell1to1();
    }

    /** One sender spreading over 1,000 receivers. */
    @Benchmark
    @OperationsPerInvocation(ActorWorkloads.BATCH)
    public void tell1to1000() {
        List<ActorRef<Object>> targets = sinks;
        Object m = message;
        int n = targets.size();
        for (int i = 0; i < ActorWorkloads.BATCH - n; i++) {
            targets.get(i % n).tell(m);
        }
        CompletableFuture<?>[] done = new CompletableFuture<?>[n];
        for (int i = 0; i < n; i++) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            done[i] = f;
            targets.get(i).tell(f);
        }
        CompletableFuture.allOf(done).join();
    }
}
