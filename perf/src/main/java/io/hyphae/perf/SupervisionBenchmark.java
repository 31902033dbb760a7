package io.hyphae.perf;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorSpec;
import io.hyphae.perf.workload.SupervisionWorkloads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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
 * The baselines of {@link SupervisionJmh}: the same spawn and restart without a supervisor,
 * and a one-for-all group's restart. Score = ns per operation.
 * The actors that fail on purpose are spawned with
 * {@link SpawnOptions#withFailureLogging(boolean) failure logging off}: the error log with
 * its stack trace would dominate the restart numbers and is a cost of logging, not of
 * restarting.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class SupervisionBenchmark {

    static final int SPAWNS = SupervisionWorkloads.SPAWNS;
    static final int GROUP = 100;

    @Param("2")
    int threads;

    ActorSystem system;
    Supervision supervision;

    /** Counts starts (first and restarts) and handled pings across instances. */
    static final class Probe {
        final AtomicInteger starts = new AtomicInteger();
        volatile int pings;
    }

    final Probe probe = new Probe();
    ActorRef<Object> unsupervised;
    Supervisor group;
    ActorRef<Object> groupFirst;

    /** Throws on "fail", counts pings, counts every start. */
    ActorFactory<Object> probed() {
        Probe p = probe;
        return ctx -> new Actor<Object>() {
            @Override
            public void onStart() {
                p.starts.incrementAndGet();
            }

            @Override
            public void receive(Object m) {
                if (m == FAIL) {
                    throw new IllegalStateException("injected");
                }
                p.pings++;
            }
        };
    }

    static final Object FAIL = "fail";
    /** Failures on purpose are logged at DEBUG only. */
    static final SpawnOptions QUIET = SpawnOptions.defaults().withFailureLogging(false);
    static final Object PING = "ping";

    @Setup(Level.Trial)
    public void setup() {
        system = Systems.create("supervision", threads);
        supervision = Systems.supervision(system);
        unsupervised = system.spawn(probed(), SpawnOptions.named("unsupervised").withFailureLogging(false));
        SupervisorSpec all = SupervisorSpec.of(Strategy.ONE_FOR_ALL)
                .withIntensity(Integer.MAX_VALUE, Duration.ofSeconds(1));
        for (int i = 0; i < GROUP; i++) {
            all = all.withChild(ChildSpec.of("c" + i, probed()).withOptions(QUIET));
        }
        group = supervision.start(system, "group", all);
        join(group.whichChildren());
        groupFirst = system.<Object>find("group/c0").orElseThrow();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        system.close();
    }

    /** The actors one invocation of {@code plainSpawn} made, stopped untimed after it. */
    @State(Scope.Thread)
    public static class Pool {
        List<ActorRef<Object>> plain;
        SupervisionBenchmark b;

        @Setup(Level.Invocation)
        public void fresh(SupervisionBenchmark bench) {
            b = bench;
            plain = new ArrayList<>(SPAWNS);
        }

        @TearDown(Level.Invocation)
        public void drop() {
            for (ActorRef<Object> r : plain) {
                b.system.stop(r);
            }
        }
    }

    private static <T> T join(java.util.concurrent.CompletionStage<T> stage) {
        return stage.toCompletableFuture().join();
    }

    /** Baseline: spawn top-level actors and wait until each has started. */
    @Benchmark
    @OperationsPerInvocation(SPAWNS)
    public void plainSpawn(Pool p) {
        int target = probe.starts.get() + SPAWNS;
        ActorFactory<Object> f = probed();
        for (int i = 0; i < SPAWNS; i++) {
            p.plain.add(system.spawnAnonymous(f));
        }
        while (probe.starts.get() < target) {
            Thread.onSpinWait();
        }
    }

    /** Baseline: the runtime's default restart of a top-level actor, no supervisor. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public int defaultRestart() {
        return failAndPing(unsupervised);
    }

    private int failAndPing(ActorRef<Object> target) {
        int before = probe.pings;
        target.tell(FAIL);
        target.tell(PING);
        while (probe.pings == before) {
            Thread.onSpinWait();
        }
        return probe.pings;
    }

    /** One of 100 one-for-all children fails; one operation lasts until all 100 run again. */
    @Benchmark
    public int oneForAllRestart100() {
        int target = probe.starts.get() + GROUP;
        groupFirst.tell(FAIL);
        while (probe.starts.get() < target) {
            Thread.onSpinWait();
        }
        return target;
    }
}
