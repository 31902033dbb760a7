package io.hyphae.perf;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import io.hyphae.perf.workload.Bench;
import io.hyphae.perf.workload.BrokerWorkloads;
import java.util.ServiceLoader;
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

/**
 * The broker workloads ({@link BrokerWorkloads}) under JMH, ns per operation: a producer
 * publishing to one subscriber per topic against telling it directly, one publish fanned
 * out to many subscribers against telling each directly, and a topic index's lookup on its
 * own. {@code hyphae:perf} runs the same workloads in a container.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class BrokerJmh {

    /** A workload on the named topic index. */
    @State(Scope.Benchmark)
    public abstract static class OnIndex extends WorkloadTrial {
        /** The topic index: {@code hash} or {@code tree}. */
        @Param({"hash", "tree"})
        public String index;
    }

    /**
     * Publishes (or tells) to subscribers held inside a message, so neither side pays for
     * waking them; they are let go and drained after each invocation, untimed.
     */
    @State(Scope.Benchmark)
    public abstract static class Producer extends OnIndex {
        /** Exact topics, one subscription each, cycled over. */
        @Param({"10", "10000"})
        public int topics;

        abstract boolean direct();

        @Override
        Bench make(ActorSystem s) {
            return new BrokerWorkloads.Publish(s, Systems.broker(s, index), topics, BrokerWorkloads.BATCH, direct());
        }

        /**
         * Holds the subscriber.
         *
         * @throws Exception if it does not take the hold in time
         */
        @Setup(Level.Invocation)
        public void hold() throws Exception {
            bench.beforeInvocation();
        }

        /**
         * Lets the subscriber go and drains it.
         *
         * @throws Exception if it does not drain in time
         */
        @TearDown(Level.Invocation)
        public void drain() throws Exception {
            bench.afterInvocation();
        }
    }

    /** Through the broker. */
    @State(Scope.Benchmark)
    public static class Publishing extends Producer {
        @Override
        boolean direct() {
            return false;
        }
    }

    /** Straight to the subscriber. */
    @State(Scope.Benchmark)
    public static class Telling extends Producer {
        @Override
        boolean direct() {
            return true;
        }
    }

    /** One topic, many subscribers. */
    @State(Scope.Benchmark)
    public abstract static class Fan extends OnIndex {
        /** Subscribed actors. */
        @Param({"10", "100", "1000"})
        public int subscribers;

        abstract boolean direct();

        @Override
        Bench make(ActorSystem s) {
            return new BrokerWorkloads.FanOut(s, Systems.broker(s, index), subscribers, direct());
        }
    }

    /** Through the broker. */
    @State(Scope.Benchmark)
    public static class FanPublish extends Fan {
        @Override
        boolean direct() {
            return false;
        }
    }

    /** Told to each subscriber. */
    @State(Scope.Benchmark)
    public static class FanTell extends Fan {
        @Override
        boolean direct() {
            return true;
        }
    }

    /** A topic index with no broker around it. */
    @State(Scope.Benchmark)
    public static class Index extends OnIndex {
        /** Exact subscriptions, plus one wildcard per ten. */
        @Param({"10", "1000", "100000"})
        public int topics;

        @Override
        Bench make(ActorSystem s) {
            TopicIndexFactory f = ServiceLoader.load(TopicIndexFactory.class).stream()
                    .map(ServiceLoader.Provider::get).filter(x -> x.name().equals(index)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no topic index named " + index));
            return new BrokerWorkloads.Lookup(f, topics, BrokerWorkloads.LOOKUPS);
        }
    }

    /** One publish to a topic with one subscriber. */
    @Benchmark
    @OperationsPerInvocation(BrokerWorkloads.BATCH)
    public double producerPublish(Publishing t) throws Exception {
        return t.bench.invoke();
    }

    /** One tell to the same subscriber, the baseline of {@code producerPublish}. */
    @Benchmark
    @OperationsPerInvocation(BrokerWorkloads.BATCH)
    public double producerTell(Telling t) throws Exception {
        return t.bench.invoke();
    }

    /** One publish, until every subscriber handled it. */
    @Benchmark
    public double fanOut(FanPublish t) throws Exception {
        return t.bench.invoke();
    }

    /** The same message told to each subscriber, until every one handled it. */
    @Benchmark
    public double directTell(FanTell t) throws Exception {
        return t.bench.invoke();
    }

    /** One lookup of a published topic. */
    @Benchmark
    @OperationsPerInvocation(BrokerWorkloads.LOOKUPS)
    public double topicLookup(Index t) throws Exception {
        return t.bench.invoke();
    }
}
