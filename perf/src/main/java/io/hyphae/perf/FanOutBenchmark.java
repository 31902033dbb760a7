package io.hyphae.perf;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
 * Fan-out: one publish to a topic with {@code subscribers} subscribed actors; one operation
 * lasts until every one of them handled it. Score = ns per publish.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class FanOutBenchmark {

    @Param({"hash", "tree"})
    String index;

    @Param({"10", "100", "1000"})
    int subscribers;

    ActorSystem system;
    MessageBroker broker;
    final AtomicLong handled = new AtomicLong();

    @Setup(Level.Trial)
    public void setup() {
        system = Systems.create("fanout", 2);
        broker = MessageBroker.builder(system).index(index).build();
        AtomicLong counter = handled;
        for (int i = 0; i < subscribers; i++) {
            ActorRef<Object> s = system.spawnAnonymous(ctx -> (Actor<Object>) m -> counter.incrementAndGet());
            broker.subscribe(i % 2 == 0 ? "fan/out" : "fan/+", s);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        system.close();
    }

    /** Publish once; wait until all subscribers handled it. */
    @Benchmark
    public long fanOut() {
        long target = handled.get() + subscribers;
        broker.publish("fan/out", "m");
        while (handled.get() < target) {
            Thread.onSpinWait();
        }
        return target;
    }
}
