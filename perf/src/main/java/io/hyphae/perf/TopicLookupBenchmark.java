package io.hyphae.perf;

import io.hyphae.api.broker.TopicPattern;
import io.hyphae.api.broker.spi.TopicIndex;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import java.util.ServiceLoader;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
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
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * A topic index on its own: one match of a published topic against {@code topics}
 * exact subscriptions, plus (with {@code wildcards}) one wildcard pattern per ten topics.
 * The index comes from {@link ServiceLoader} by name. Score = ns per lookup.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@State(Scope.Thread)
public class TopicLookupBenchmark {

    @Param({"hash", "tree"})
    String index;

    @Param({"10", "1000", "100000"})
    int topics;

    @Param({"false", "true"})
    boolean wildcards;

    TopicIndex<Object> idx;
    String[] names;
    int next;
    Consumer<Object> sink;

    @Setup(Level.Trial)
    public void setup(Blackhole bh) {
        TopicIndexFactory f = ServiceLoader.load(TopicIndexFactory.class).stream().map(ServiceLoader.Provider::get)
                .filter(x -> x.name().equals(index)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no topic index named " + index));
        idx = f.create();
        names = new String[topics];
        for (int i = 0; i < topics; i++) {
            names[i] = "region/" + (i % 100) + "/device/" + i;
            idx.add(TopicPattern.parse(names[i]), new Object());
            if (wildcards && i % 10 == 0) {
                idx.add(TopicPattern.parse("region/" + (i % 100) + "/+/" + i), new Object());
            }
        }
        if (wildcards) {
            idx.add(TopicPattern.parse("region/#"), new Object());
        }
        sink = bh::consume;
    }

    /** One lookup, cycling over the subscribed topics. */
    @Benchmark
    public void lookup() {
        int i = next;
        next = i + 1 == names.length ? 0 : i + 1;
        idx.match(names[i], sink);
    }
}
