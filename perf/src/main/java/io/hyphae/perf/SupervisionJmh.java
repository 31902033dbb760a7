package io.hyphae.perf;

import io.hyphae.api.ActorSystem;
import io.hyphae.perf.workload.Bench;
import io.hyphae.perf.workload.SupervisionWorkloads;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The supervision workloads ({@link SupervisionWorkloads}) under JMH, ns per operation:
 * children started on a dynamic supervisor, and the restart of a one-for-one child after
 * a failure or by command. {@link SupervisionBenchmark} keeps the baselines without a
 * supervisor. {@code hyphae:perf} runs the same workloads in a container.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class SupervisionJmh {

    /** A fresh dynamic supervisor per invocation, made and shut down untimed. */
    @State(Scope.Benchmark)
    public static class Pool extends WorkloadTrial {
        @Override
        Bench make(ActorSystem s) {
            return new SupervisionWorkloads.SupervisedSpawn(s, Systems.supervision(s), SupervisionWorkloads.SPAWNS);
        }

        /**
         * Starts the pool.
         *
         * @throws Exception if it cannot
         */
        @Setup(Level.Invocation)
        public void fresh() throws Exception {
            bench.beforeInvocation();
        }

        /**
         * Shuts the pool down.
         *
         * @throws Exception if it does not stop in time
         */
        @TearDown(Level.Invocation)
        public void drop() throws Exception {
            bench.afterInvocation();
        }
    }

    /** A one-for-one child that fails on a message. */
    @State(Scope.Benchmark)
    public static class Failing extends WorkloadTrial {
        @Override
        Bench make(ActorSystem s) throws Exception {
            return new SupervisionWorkloads.Restart(s, Systems.supervision(s), true);
        }
    }

    /** A one-for-one child an operator terminates and restarts. */
    @State(Scope.Benchmark)
    public static class Operated extends WorkloadTrial {
        @Override
        Bench make(ActorSystem s) throws Exception {
            return new SupervisionWorkloads.Restart(s, Systems.supervision(s), false);
        }
    }

    /** One child started on a dynamic supervisor and acknowledged. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(SupervisionWorkloads.SPAWNS)
    public double supervisedSpawn(Pool t) throws Exception {
        return t.bench.invoke();
    }

    /** A child fails; until its fresh instance handled the next message. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public double supervisedRestart(Failing t) throws Exception {
        return t.bench.invoke();
    }

    /** terminateChild, then restartChild; until the fresh instance handled a message. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public double terminateAndRestartChild(Operated t) throws Exception {
        return t.bench.invoke();
    }
}
