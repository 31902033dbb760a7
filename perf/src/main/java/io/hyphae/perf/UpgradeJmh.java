package io.hyphae.perf;

import io.hyphae.api.ActorSystem;
import io.hyphae.perf.workload.Bench;
import io.hyphae.perf.workload.UpgradeWorkloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
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
 * The pause of a live code upgrade ({@link UpgradeWorkloads.Pause}) under JMH, sampled: an
 * actor held with {@code queued} messages behind it and its upgrade requested is let go;
 * one operation lasts until it handled its first message with the new code. {@code none}
 * is the baseline (release and one message, no upgrade); {@code api} upgrades through
 * {@code ActorSystem.upgrade}; {@code bundle} updates the bundle that declares the actor,
 * in an embedded Felix with the bundles of {@code -Dhyphae.perf.bundles} (default
 * {@code launcher/target/hyphae/bundle}, so build the container first). {@code threads} is
 * the system's dispatcher size, in the container too ({@code -p threads=1,2} compares: with
 * one, the dispatcher and the benchmark's spinning thread each have a core of the two). {@code hyphae:perf upgrade} runs the same workload in
 * a container.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class UpgradeJmh {

    /** The probe, on a system of the class path or, for a bundle update, in a container. */
    @State(Scope.Benchmark)
    public static class Trial extends WorkloadTrial {
        /** What replaces the code: none, api or bundle. */
        @Param({"none", "api", "bundle"})
        public String change;

        /** Messages queued when the code is replaced. */
        @Param("10000")
        public int queued;

        private UpgradeWorkloads.Change kind() {
            return UpgradeWorkloads.Change.valueOf(change.toUpperCase(Locale.ROOT));
        }

        @Override
        ActorSystem createSystem() {
            return kind() == UpgradeWorkloads.Change.BUNDLE
                    ? Systems.inContainer(bundles(), "upgrade", threads, Systems.DEFAULT_MAILBOX)
                    : super.createSystem();
        }

        @Override
        Bench make(ActorSystem s) throws Exception {
            return new UpgradeWorkloads.Pause(s, kind(), queued, s instanceof ContainedSystem c ? c.container : null);
        }

        /**
         * Holds the probe, queues the messages, requests the upgrade.
         *
         * @throws Exception if the probe does not take the hold
         */
        @Setup(Level.Invocation)
        public void hold() throws Exception {
            bench.beforeInvocation();
        }

        /**
         * Waits for the upgrade and the queued messages.
         *
         * @throws Exception if they do not complete
         */
        @TearDown(Level.Invocation)
        public void drain() throws Exception {
            bench.afterInvocation();
        }
    }

    /** The container's bundles: {@code -Dhyphae.perf.bundles}, or the launcher's build from the root or from perf/. */
    static Path bundles() {
        String configured = System.getProperty(Systems.BUNDLES);
        if (configured != null) {
            return Path.of(configured);
        }
        for (String p : new String[] {"launcher/target/hyphae/bundle", "../launcher/target/hyphae/bundle"}) {
            if (Files.isDirectory(Path.of(p))) {
                return Path.of(p);
            }
        }
        throw new IllegalStateException("change=bundle needs the container's bundles: build them (mvn -B -q install "
                + "-DskipTests) and run from the project root, or set -D" + Systems.BUNDLES + "=DIR");
    }

    /** Release the held probe; until it handled its first message with the new code. */
    @Benchmark
    @BenchmarkMode(Mode.SampleTime)
    public double upgradePause(Trial t) throws Exception {
        return t.bench.invoke();
    }
}
