package io.hyphae.perf;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.routing.RoutingLogic;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What a router costs per message against a direct tell: the tell workload of
 * {@link ActorWorkloads.Tell} (a batch told, then waited for), either straight to the
 * receivers (round robin in the sender's loop) or through a router over as many: a group
 * over receivers spawned as the direct ones are, so that only the routing differs, or a
 * pool, whose workers are its children. ns per message, end to end; the difference between
 * {@code direct} and a logic on a group is the routing overhead. ({@code direct} ignores
 * {@code router}.)
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class RouterJmh {

    /** The receivers and how they are reached. */
    @State(Scope.Benchmark)
    public static class Routed extends WorkloadTrial {
        /** direct, roundRobin, random, consistentHashing or smallestMailbox. */
        @Param({"direct", "roundRobin", "random", "consistentHashing", "smallestMailbox"})
        public String route;

        /** How many receivers. */
        @Param({"1", "4"})
        public int receivers;

        /** A pool (workers are its children) or a group over top-level receivers like the direct ones. */
        @Param({"group", "pool"})
        public String router;

        @Override
        Bench make(ActorSystem s) throws Exception {
            RoutingLogic<Object> logic = switch (route) {
                case "direct" -> null;
                case "roundRobin" -> RoutingLogic.roundRobin();
                case "random" -> RoutingLogic.random();
                case "consistentHashing" -> RoutingLogic.consistentHashing(m -> m);
                case "smallestMailbox" -> RoutingLogic.smallestMailbox(s);
                default -> throw new IllegalArgumentException("unknown route " + route);
            };
            return logic == null ? new ActorWorkloads.Tell(s, (String) null, receivers, ActorWorkloads.BATCH)
                    : new ActorWorkloads.Tell(s, logic, receivers, ActorWorkloads.BATCH, router.equals("pool"));
        }
    }

    /** One message told and handled, through the route. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(ActorWorkloads.BATCH)
    public double tell(Routed t) throws Exception {
        return t.bench.invoke();
    }
}
