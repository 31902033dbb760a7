package io.hyphae.perf;

import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A mailbox queue alone, per factory and shape, on one thread: one enqueue and one
 * dequeue, and a batch of 1,000 enqueues drained at once (how the runtime drains a turn).
 * The factory comes from {@link ServiceLoader} by name. Score = ns per message.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class MailboxBenchmark {

    static final int BATCH = 1_000;

    @Param({"builtin", "jctools"})
    String mailbox;

    /** {@code unbounded}, or {@code bounded} (capacity 4,096, REJECT). */
    @Param({"unbounded", "bounded"})
    String shape;

    MailboxQueue<Object> queue;
    final Object message = "m";
    Consumer<Object> sink;

    @Setup(Level.Trial)
    public void setup(Blackhole bh) {
        MailboxFactory factory = ServiceLoader.load(MailboxFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(f -> f.name().equals(mailbox)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no mailbox factory named '" + mailbox + "'"));
        MailboxSpec spec = shape.equals("bounded") ? MailboxSpec.bounded(4096, Overflow.REJECT) : MailboxSpec.unbounded();
        queue = factory.create(spec);
        sink = bh::consume;
    }

    /** Enqueue one message and dequeue it. */
    @Benchmark
    public Object offerPoll() {
        queue.offer(message);
        return queue.poll();
    }

    /** Enqueue 1,000 messages, then drain them in one call. */
    @Benchmark
    @OperationsPerInvocation(BATCH)
    public int offerBatchDrain() {
        MailboxQueue<Object> q = queue;
        Object m = message;
        for (int i = 0; i < BATCH; i++) {
            q.offer(m);
        }
        int n = q.drain(sink, BATCH);
        if (n != BATCH) {
            throw new IllegalStateException("drained " + n + " of " + BATCH);
        }
        return n;
    }
}
