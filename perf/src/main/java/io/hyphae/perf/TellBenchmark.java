package io.hyphae.perf;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Sustained tell throughput, end to end: each invocation sends a batch and waits until
 * the receivers handled all of it (a CompletableFuture sent last is completed by the
 * receiver; FIFO per sender makes it the last message). Score = messages per second.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class TellBenchmark {

    static final int BATCH = 100_000;
    static final int ACTORS = 1_000;

    @Param("2")
    int threads;

    /** The mailbox factory: {@code builtin} or {@code jctools}. */
    @Param({"builtin", "jctools"})
    String mailbox;

    ActorSystem system;
    ActorRef<Object> sink;
    List<ActorRef<Object>> sinks;
    final Object message = "m";

    /** Counts messages; completes a future it is sent. */
    static final class Sink implements Actor<Object> {
        long count;

        @Override
        public void receive(Object m) {
            if (m instanceof CompletableFuture<?> f) {
                f.complete(null);
            } else {
                count++;
            }
        }
    }

    @Setup(Level.Trial)
    public void setup() {
        system = Systems.create("tell", threads, mailbox);
        sink = system.spawnAnonymous(ctx -> new Sink());
        sinks = new ArrayList<>();
        for (int i = 0; i < ACTORS; i++) {
            sinks.add(system.spawnAnonymous(ctx -> new Sink()));
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        system.close();
    }

    /** One sender, one receiver. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void tell1to1() {
        ActorRef<Object> s = sink;
        Object m = message;
        for (int i = 1; i < BATCH; i++) {
            s.tell(m);
        }
        CompletableFuture<Void> done = new CompletableFuture<>();
        s.tell(done);
        done.join();
    }

    /** Two senders, one receiver. */
    @Benchmark
    @Threads(2)
    @OperationsPerInvocation(BATCH)
    public void tell2to1() {
        tell1to1();
    }

    /** One sender spreading over 1,000 receivers. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void tell1to1000() {
        List<ActorRef<Object>> targets = sinks;
        Object m = message;
        int n = targets.size();
        for (int i = 0; i < BATCH - n; i++) {
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
