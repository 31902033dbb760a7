package io.hyphae.perf;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Looking up named actors by path among {@code actors} live ones (top-level and one level
 * of children), cycling over them, and a miss. Score = ns per lookup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class RegistryBenchmark {

    @Param({"1000", "100000"})
    int actors;

    ActorSystem system;
    String[] paths;
    int next;

    @Setup(Level.Trial)
    public void setup() throws InterruptedException {
        system = Systems.create("registry", 2);
        int parents = Math.max(1, actors / 100);
        paths = new String[actors];
        int k = 0;
        for (int p = 0; p < parents; p++) {
            int children = actors / parents - 1;
            String parent = "p" + p;
            system.<Object>spawn(ctx -> {
                for (int c = 0; c < children; c++) {
                    ctx.spawn(x -> m -> { }, "c" + c);
                }
                return m -> { };
            }, parent);
            paths[k++] = parent;
            for (int c = 0; c < children; c++) {
                paths[k++] = parent + "/c" + c;
            }
        }
        paths = java.util.Arrays.copyOf(paths, k);
        // Children are registered as their parents start them.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (system.metrics().liveActors() < k) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("actors did not start");
            }
            Thread.sleep(10);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        system.close();
    }

    /** A path that names a live actor. */
    @Benchmark
    public Optional<ActorRef<Object>> hit() {
        String p = paths[next];
        next = next + 1 == paths.length ? 0 : next + 1;
        return system.find(p);
    }

    /** A path that names no actor. */
    @Benchmark
    public Optional<ActorRef<Object>> miss() {
        return system.find("p0/nobody");
    }
}
