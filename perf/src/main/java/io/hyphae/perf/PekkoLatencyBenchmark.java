package io.hyphae.perf;

import io.hyphae.perf.workload.ActorWorkloads;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
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
 * {@link ActorJmh}'s shapes on Pekko typed. One difference: Pekko typed has no
 * anonymous top-level spawn from outside, so {@code spawnAndStop} asks a spawner actor to
 * start the actors as its children (the idiomatic way). Score = ns per operation.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Benchmark)
public class PekkoLatencyBenchmark {

    @Param("2")
    int threads;

    ActorSystem<Void> system;
    ActorRef<Object> ping;
    ActorRef<Ping> echo;
    ActorRef<Integer> spawner;
    final AtomicInteger left = new AtomicInteger();
    volatile CompletableFuture<Void> allStopped;

    /** Starts a rally of {@code rounds} round trips, completing {@code done} at the end. */
    record Rally(int rounds, CompletableFuture<Void> done) {
    }

    /** A ball carrying the ref to return it to. */
    record Ball(ActorRef<Ball> from) {
    }

    /** An ask request. */
    record Ping(ActorRef<Ping> replyTo) {
    }

    @Setup(Level.Trial)
    public void setup() {
        system = PekkoPeer.create("latency", threads);
        ActorRef<Ball> pong = system.systemActorOf(Behaviors.<Ball>setup(ctx -> Behaviors.receiveMessage(b -> {
            b.from().tell(new Ball(ctx.getSelf()));
            return Behaviors.same();
        })), "pong", Props.empty());
        ping = system.systemActorOf(Behaviors.<Object>setup(ctx -> {
            ActorRef<Ball> self = ctx.getSelf().narrow();
            Ball ball = new Ball(self);
            int[] rounds = new int[1];
            @SuppressWarnings("unchecked")
            CompletableFuture<Void>[] done = new CompletableFuture[1];
            return Behaviors.receiveMessage(m -> {
                if (m instanceof Rally r) {
                    rounds[0] = r.rounds();
                    done[0] = r.done();
                    pong.tell(ball);
                } else if (--rounds[0] == 0) {
                    done[0].complete(null);
                } else {
                    pong.tell(ball);
                }
                return Behaviors.same();
            });
        }), "ping", Props.empty());
        echo = system.systemActorOf(Behaviors.<Ping>receiveMessage(p -> {
            p.replyTo().tell(p);
            return Behaviors.same();
        }), "echo", Props.empty());
        spawner = system.systemActorOf(Behaviors.<Integer>setup(ctx -> Behaviors.receiveMessage(n -> {
            for (int i = 0; i < n; i++) {
                ActorRef<Object> child = ctx.spawnAnonymous(stoppable());
                child.tell("stop");
            }
            return Behaviors.same();
        })), "spawner", Props.empty());
    }

    private Behavior<Object> stoppable() {
        return Behaviors.receive(Object.class)
                .onMessageEquals("stop", Behaviors::stopped)
                .onSignal(PostStop.class, s -> {
                    if (left.decrementAndGet() == 0) {
                        allStopped.complete(null);
                    }
                    return Behaviors.same();
                })
                .build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        PekkoPeer.terminate(system);
    }

    /** Two actors bounce a message; one operation is a full round trip. */
    @Benchmark
    @OperationsPerInvocation(ActorWorkloads.ROUNDS)
    public void pingPong() {
        CompletableFuture<Void> done = new CompletableFuture<>();
        ping.tell(new Rally(ActorWorkloads.ROUNDS, done));
        done.join();
    }

    /** Ask from a non-actor thread and wait for the answer; also sampled, for p50/p95/p99. */
    @Benchmark
    @BenchmarkMode({Mode.AverageTime, Mode.SampleTime})
    public Object externalAsk() {
        return AskPattern.<Ping, Ping>ask(echo, Ping::new, Duration.ofSeconds(5), system.scheduler())
                .toCompletableFuture().join();
    }

    /** Spawn actors and stop them; one operation is one actor's whole life. */
    @Benchmark
    @OperationsPerInvocation(ActorWorkloads.SPAWNS)
    public void spawnAndStop() {
        CompletableFuture<Void> all = new CompletableFuture<>();
        allStopped = all;
        left.set(ActorWorkloads.SPAWNS);
        spawner.tell(ActorWorkloads.SPAWNS);
        all.join();
    }
}
