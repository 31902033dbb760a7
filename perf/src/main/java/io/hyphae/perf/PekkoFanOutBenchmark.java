package io.hyphae.perf;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;
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
 * {@link BrokerJmh} on Pekko typed: one publish through a local {@link Topic} (Pekko's
 * pub/sub, one actor per topic between publisher and subscribers), and the direct-tell
 * baseline. Score = time until every subscriber handled the message.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class PekkoFanOutBenchmark {

    @Param({"10", "100", "1000"})
    int subscribers;

    ActorSystem<Void> system;
    ActorRef<Topic.Command<Object>> topic;
    ActorRef<Object>[] refs;
    final LongAdder handled = new LongAdder();
    long expected;

    @Setup(Level.Trial)
    @SuppressWarnings("unchecked")
    public void setup() throws InterruptedException {
        system = PekkoPeer.create("fanout", 2);
        topic = system.systemActorOf(Topic.create(Object.class, "fan-out"), "topic", Props.empty());
        LongAdder counter = handled;
        Behavior<Object> counting = Behaviors.receiveMessage(m -> {
            counter.increment();
            return Behaviors.same();
        });
        refs = new ActorRef[subscribers];
        for (int i = 0; i < subscribers; i++) {
            refs[i] = system.systemActorOf(counting, "s" + i, Props.empty());
            topic.tell(Topic.subscribe(refs[i]));
        }
        // Subscriptions go through the receptionist: publish until one reaches everybody.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (;;) {
            long before = handled.sum();
            topic.tell(Topic.publish("probe"));
            Thread.sleep(200);
            if (handled.sum() - before == subscribers) {
                break;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topic never reached all " + subscribers + " subscribers");
            }
        }
        expected = handled.sum();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        PekkoPeer.terminate(system);
    }

    /** Publish once through the topic; wait until all subscribers handled it. */
    @Benchmark
    public long fanOut() {
        topic.tell(Topic.publish("m"));
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
