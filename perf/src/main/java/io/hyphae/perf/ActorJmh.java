package io.hyphae.perf;

import io.hyphae.api.ActorSystem;
import io.hyphae.perf.workload.ActorWorkloads;
import io.hyphae.perf.workload.Bench;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The actor workloads ({@link ActorWorkloads}) under JMH: tell throughput (messages per
 * second, end to end: each invocation waits until the batch is handled), ping-pong round
 * trips, asks from outside and spawn+stop (ns per operation). {@code hyphae:perf} runs the
 * same workloads in a container.
 */
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class ActorJmh {

    /** A workload on one mailbox factory. */
    @State(Scope.Benchmark)
    public abstract static class OnMailbox extends WorkloadTrial {
        /** The mailbox factory: {@code builtin} or {@code jctools}. */
        @Param({"builtin", "jctools"})
        public String mailbox;

        @Override
        String mailbox() {
            return mailbox;
        }
    }

    /** One receiver. */
    @State(Scope.Benchmark)
    public static class OneReceiver extends OnMailbox {
        @Override
        Bench make(ActorSystem s) {
            return new ActorWorkloads.Tell(s, mailbox, 1, ActorWorkloads.BATCH);
        }
    }

    /** {@value ActorWorkloads#RECEIVERS} receivers, round robin. */
    @State(Scope.Benchmark)
    public static class ManyReceivers extends OnMailbox {
        @Override
        Bench make(ActorSystem s) {
            return new ActorWorkloads.Tell(s, mailbox, ActorWorkloads.RECEIVERS, ActorWorkloads.BATCH);
        }
    }

    /** Two actors bouncing a ball. */
    @State(Scope.Benchmark)
    public static class Rally extends OnMailbox {
        @Override
        Bench make(ActorSystem s) {
            return new ActorWorkloads.PingPong(s, mailbox, ActorWorkloads.ROUNDS);
        }
    }

    /** An echo actor asked from outside. */
    @State(Scope.Benchmark)
    public static class Echo extends OnMailbox {
        @Override
        Bench make(ActorSystem s) {
            return new ActorWorkloads.ExternalAsk(s, mailbox);
        }
    }

    /** Actors spawned and stopped. */
    @State(Scope.Benchmark)
    public static class Lives extends OnMailbox {
        @Override
        Bench make(ActorSystem s) {
            return new ActorWorkloads.SpawnAndStop(s, mailbox, ActorWorkloads.SPAWNS);
        }
    }

    /** One sender, one receiver. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ActorWorkloads.BATCH)
    public double tell1to1(OneReceiver t) throws Exception {
        return t.bench.invoke();
    }

    /** Two senders, one receiver. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ActorWorkloads.BATCH)
    @Threads(2)
    public double tell2to1(OneReceiver t) throws Exception {
        return t.bench.invoke();
    }

    /** One sender spreading over {@value ActorWorkloads#RECEIVERS} receivers. */
    @Benchmark
    @BenchmarkMode(Mode.Throughput)
    @OutputTimeUnit(TimeUnit.SECONDS)
    @OperationsPerInvocation(ActorWorkloads.BATCH)
    public double tell1to1000(ManyReceivers t) throws Exception {
        return t.bench.invoke();
    }

    /** One round trip between two actors. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(ActorWorkloads.ROUNDS)
    public double pingPong(Rally t) throws Exception {
        return t.bench.invoke();
    }

    /** One ask from a thread that is not an actor, answered. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    public double externalAsk(Echo t) throws Exception {
        return t.bench.invoke();
    }

    /** One actor's whole life: spawned, started, stopped, its {@code onStop} run. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OutputTimeUnit(TimeUnit.NANOSECONDS)
    @OperationsPerInvocation(ActorWorkloads.SPAWNS)
    public double spawnAndStop(Lives t) throws Exception {
        return t.bench.invoke();
    }
}
