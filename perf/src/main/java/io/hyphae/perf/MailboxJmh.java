package io.hyphae.perf;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import io.hyphae.perf.workload.Bench;
import io.hyphae.perf.workload.MailboxWorkloads;
import java.util.Comparator;
import java.util.ServiceLoader;
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
 * The mailbox workloads ({@link MailboxWorkloads}) under JMH, ns per operation: one queue
 * of a factory on its own (an offer and a poll per operation, order checked), and a live
 * actor moving between the two factories with messages queued. {@code hyphae:perf} runs
 * the same workloads in a container.
 */
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class MailboxJmh {

    /** One queue, no actor system around it. */
    @State(Scope.Benchmark)
    public static class OneQueue extends WorkloadTrial {
        /** The mailbox factory: {@code builtin} or {@code jctools}. */
        @Param({"builtin", "jctools"})
        public String mailbox;

        /**
         * {@code unbounded}, {@code bounded} (capacity 4,096, REJECT), or {@code ordered}
         * (unbounded, Integers in natural order, offered shuffled).
         */
        @Param({"unbounded", "bounded", "ordered"})
        public String shape;

        @Override
        Bench make(ActorSystem s) {
            MailboxFactory f = ServiceLoader.load(MailboxFactory.class).stream().map(ServiceLoader.Provider::get)
                    .filter(x -> x.name().equals(mailbox)).findFirst()
                    .orElseThrow(() -> new IllegalStateException("no mailbox factory named '" + mailbox + "'"));
            MailboxSpec spec = switch (shape) {
                case "bounded" -> MailboxSpec.bounded(4096, Overflow.REJECT);
                case "ordered" -> MailboxSpec.ordered(Comparator.<Integer>naturalOrder());
                default -> MailboxSpec.unbounded();
            };
            return new MailboxWorkloads.Queue(f, spec, MailboxWorkloads.BATCH);
        }
    }

    /** An actor moving between the built-in and the JCTools factory. */
    @State(Scope.Benchmark)
    public static class Moving extends WorkloadTrial {
        @Override
        Bench make(ActorSystem s) {
            return new MailboxWorkloads.Swap(s, "builtin", "jctools", MailboxWorkloads.QUEUED);
        }
    }

    /** One offer and one poll. */
    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @OperationsPerInvocation(MailboxWorkloads.BATCH)
    public double queue(OneQueue t) throws Exception {
        return t.bench.invoke();
    }

    /** One move of a live actor with {@value MailboxWorkloads#QUEUED} messages queued, until done. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public double swapMailbox(Moving t) throws Exception {
        return t.bench.invoke();
    }
}
