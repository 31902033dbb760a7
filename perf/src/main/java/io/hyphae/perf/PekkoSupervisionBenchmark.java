package io.hyphae.perf;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.SupervisorStrategy;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
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
 * {@link SupervisionJmh}'s supervised spawn and restart on Pekko typed. Pekko has no
 * OTP supervisor; its idiom is a parent that spawns children wrapped in
 * {@code Behaviors.supervise(...).onFailure(SupervisorStrategy.restart())}. Both sides wait
 * until each child has run its start code, and restart failure logging is off on both.
 * Score = ns per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class PekkoSupervisionBenchmark {

    @Param("2")
    int threads;

    ActorSystem<Void> system;
    final AtomicInteger starts = new AtomicInteger();
    volatile int pings;
    ActorRef<Object> supervisedChild;
    int pools;

    static final Object FAIL = SupervisionBenchmark.FAIL;

    private Behavior<Object> probed() {
        return Behaviors.setup(ctx -> {
            starts.incrementAndGet();
            return Behaviors.receiveMessage(m -> {
                if (m == FAIL) {
                    throw new IllegalStateException("injected");
                }
                pings++;
                return Behaviors.same();
            });
        });
    }

    private Behavior<Object> supervised() {
        return Behaviors.supervise(probed()).onFailure(SupervisorStrategy.restart().withLoggingEnabled(false));
    }

    @Setup(Level.Trial)
    public void setup() {
        system = PekkoPeer.create("supervision", threads);
        supervisedChild = system.systemActorOf(supervised(), "one-child", Props.empty());
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        PekkoPeer.terminate(system);
    }

    /** A fresh parent per invocation of the spawn benchmark, stopped untimed. */
    @State(Scope.Thread)
    public static class Pool {
        ActorRef<Object> pool;
        CompletableFuture<Void> stopped;

        @Setup(Level.Invocation)
        public void fresh(PekkoSupervisionBenchmark b) {
            CompletableFuture<Void> done = new CompletableFuture<>();
            stopped = done;
            pool = b.system.systemActorOf(Behaviors.setup(ctx -> Behaviors.receive(Object.class)
                    .onMessage(Integer.class, n -> {
                        for (int i = 0; i < n; i++) {
                            ctx.spawnAnonymous(b.supervised());
                        }
                        return Behaviors.same();
                    })
                    .onMessageEquals("stop", Behaviors::stopped)
                    .onSignal(PostStop.class, s -> {
                        done.complete(null);
                        return Behaviors.same();
                    })
                    .build()), "pool-" + b.pools++, Props.empty());
        }

        @TearDown(Level.Invocation)
        public void drop() {
            pool.tell("stop");
            stopped.join();
        }
    }

    /** A parent starts supervised children; one operation is one child running. */
    @Benchmark
    @OperationsPerInvocation(SupervisionBenchmark.SPAWNS)
    public void supervisedSpawn(Pool p) {
        int target = starts.get() + SupervisionBenchmark.SPAWNS;
        p.pool.tell(SupervisionBenchmark.SPAWNS);
        while (starts.get() < target) {
            Thread.onSpinWait();
        }
    }

    /** A supervised child fails; one operation lasts until its fresh instance handled the next message. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public int supervisedRestart() {
        int before = pings;
        supervisedChild.tell(FAIL);
        supervisedChild.tell("ping");
        while (pings == before) {
            Thread.onSpinWait();
        }
        return pings;
    }
}
