package io.hyphae.perf;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
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
 * lasts until every one of them handled it. Score = ns per publish. {@code directTell}
 * sends the same message to the same actors one by one, so the difference is what the
 * broker adds. Handlers count into a {@link LongAdder}, so the harness's own counting does
 * not make the two dispatcher threads contend on one cache line.
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
    ActorRef<Object>[] refs;
    final LongAdder handled = new LongAdder();
    long expected;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setup() {
        system = Systems.create("fanout", 2);
        broker = Systems.broker(system, index);
        LongAdder counter = handled;
        refs = new ActorRef[subscribers];
        for (int i = 0; i < subscribers; i++) {
            ActorRef<Object> s = system.spawnAnonymous(ctx -> (Actor<Object>) m -> counter.increment());
            refs[i] = s;
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
        broker.publish("fan/out", "m");
        return awaitAll();
    }

    /** Baseline: the message told to every subscriber directly; wait until all handled it. */
    @Benchmark
    public long directTell() {
        for (ActorRef<Object> r : refs) {
            r.tell("m");
        }
        return awaitAll();
    }

    private long awaitAll() {
        long target = expected + subscribers;
        expected = target;
        while (handled.sum() < target) {
            Thread.onSpinWait();
        }
        return target;
    }
}
