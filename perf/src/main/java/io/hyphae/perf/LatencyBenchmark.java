package io.hyphae.perf;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import java.time.Duration;
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
import org.openjdk.jmh.annotations.Warmup;

/** Round trips: actor ping-pong, ask from outside, and spawn+stop. Score = ns per operation. */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class LatencyBenchmark {

    static final int ROUNDS = 10_000;
    static final int SPAWNS = 1_000;

    @Param("2")
    int threads;

    /** The mailbox factory: {@code builtin} or {@code jctools}. */
    @Param({"builtin", "jctools"})
    String mailbox;

    ActorSystem system;
    ActorRef<Object> ping;
    ActorRef<Ping> echo;

    /** Starts a rally of {@code rounds} round trips, completing {@code done} at the end. */
    record Rally(int rounds, CompletableFuture<Void> done) {
    }

    /** A ball carrying the ref to return it to. */
    record Ball(ActorRef<Ball> from) {
    }

    /** An ask request. */
    record Ping(ActorRef<Ping> replyTo) {
    }

    /** Counts actors that finished stopping. */
    static final class StopCounter {
        volatile CompletableFuture<Void> allStopped;
        final java.util.concurrent.atomic.AtomicInteger left = new java.util.concurrent.atomic.AtomicInteger();
    }

    final StopCounter stops = new StopCounter();

    @Setup(Level.Trial)
    public void setup() {
        system = Systems.create("latency", threads, mailbox);
        ActorRef<Ball> pong = system.spawn(ctx -> b -> b.from().tell(new Ball(ctx.self())), "pong");
        ping = system.spawn((ActorContext<Object> ctx) -> new Actor<Object>() {
            int left;
            CompletableFuture<Void> done;
            @SuppressWarnings("unchecked")
            final ActorRef<Ball> self = (ActorRef<Ball>) (ActorRef<?>) ctx.self();
            final Ball ball = new Ball(self);

            @Override
            public void receive(Object m) {
                if (m instanceof Rally r) {
                    left = r.rounds();
                    done = r.done();
                    pong.tell(ball);
                } else if (--left == 0) {
                    done.complete(null);
                } else {
                    pong.tell(ball);
                }
            }
        }, "ping");
        echo = system.spawn(ctx -> p -> p.replyTo().tell(p), "echo");
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        system.close();
    }

    /** Two actors bounce a message; one operation is a full round trip. */
    @Benchmark
    @OperationsPerInvocation(ROUNDS)
    public void pingPong() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ping.tell(new Rally(ROUNDS, done));
        done.join();
    }

    /** Ask from a non-actor thread and wait for the answer; also sampled, for p50/p95/p99. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public Object externalAsk() {
        return system.<Ping, Ping>ask(echo, Ping::new, Duration.ofSeconds(5)).toCompletableFuture().join();
    }

    /** Spawn actors and stop them; one operation is one actor's whole life. */
    @Benchmark
    @OperationsPerInvocation(SPAWNS)
    public void spawnAndStop() {
        CompletableFuture<Void> all = new CompletableFuture<>();
        stops.left.set(SPAWNS);
        stops.allStopped = all;
        StopCounter counter = stops;
        for (int i = 0; i < SPAWNS; i++) {
            ActorRef<Object> ref = system.spawnAnonymous(ctx -> new Actor<Object>() {
                @Override
                public void receive(Object m) {
                }

                @Override
                public void onStop() {
                    if (counter.left.decrementAndGet() == 0) {
                        counter.allStopped.complete(null);
                    }
                }
            });
            system.stop(ref);
        }
        all.join();
    }
}
