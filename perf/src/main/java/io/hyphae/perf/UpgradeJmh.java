package io.hyphae.perf;

import io.hyphae.api.ActorSystem;
import io.hyphae.perf.workload.Bench;
import io.hyphae.perf.workload.UpgradeWorkloads;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
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
 * {@code launcher/target/hyphae/bundle}, so build the container first). {@code hyphae:perf
 * upgrade} runs the same workload in a container.
 */
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
public class UpgradeJmh {

    /** The probe, on a system of the class path or in a container. */
    @State(Scope.Benchmark)
    public static class Trial {
        /** What replaces the code: none, api or bundle. */
        @Param({"none", "api", "bundle"})
        public String change;

        /** Messages queued when the code is replaced. */
        @Param("10000")
        public int queued;

        /**
         * Dispatcher threads of a class-path system. With one, the dispatcher and the
         * benchmark's spinning thread each have a core of the two; with two, the idle
         * dispatcher competes with them, which adds the scheduler's noise to the tail.
         * The container keeps its own configuration (two).
         */
        @Param({"1", "2"})
        public int threads;

        private FelixContainer container;
        private ActorSystem system;
        Bench bench;

        /**
         * Starts the system (and the container) and the probe.
         *
         * @throws Exception if they do not start
         */
        @Setup(Level.Trial)
        public void setUp() throws Exception {
            UpgradeWorkloads.Change c = UpgradeWorkloads.Change.valueOf(change.toUpperCase(Locale.ROOT));
            if (c == UpgradeWorkloads.Change.BUNDLE) {
                container = new FelixContainer(bundles(), Map.of());
                system = container.service(ActorSystem.class);
            } else {
                system = Systems.create("upgrade", threads);
            }
            bench = new UpgradeWorkloads.Pause(system, c, queued, container);
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

        /**
         * Checks every message was handled and every upgrade seen, then stops everything.
         *
         * @throws Exception if a message or an upgrade went missing
         */
        @TearDown(Level.Trial)
        public void verifyAndTearDown() throws Exception {
            try {
                bench.verify();
            } finally {
                try {
                    bench.tearDown();
                } finally {
                    if (container != null) {
                        container.close();
                    } else {
                        system.close();
                    }
                }
            }
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
