package io.hyphae.perf;

import io.hyphae.api.ActorSystem;
import io.hyphae.perf.workload.Bench;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * A workload from {@code io.hyphae.perf.workload} for one JMH trial: the system and the
 * workload are built in setup exactly as {@code hyphae:perf} builds them, and at the end the
 * workload is verified before it is torn down, so a lost or duplicated message fails the
 * JMH run as it fails the suite. Subclasses are the {@code @State} of one benchmark shape.
 */
@State(Scope.Benchmark)
public abstract class WorkloadTrial {

    /** Dispatcher threads of the system under test. */
    @Param("2")
    public int threads;

    ActorSystem system;
    Bench bench;

    /** Makes the workload on a fresh system. */
    abstract Bench make(ActorSystem system) throws Exception;

    /** The system under test; a class-path system, or a container with {@code -Dhyphae.perf.bundles}. */
    ActorSystem createSystem() {
        return Systems.create(getClass().getSimpleName(), threads, mailbox());
    }

    /** The mailbox factory the system prefers; empty for the default. */
    String mailbox() {
        return "";
    }

    /**
     * Starts the system and builds the workload.
     *
     * @throws Exception if the workload cannot be built
     */
    @Setup(Level.Trial)
    public void setUp() throws Exception {
        system = createSystem();
        bench = make(system);
    }

    /**
     * Verifies the work, then tears the workload and the system down.
     *
     * @throws Exception if a message was lost or duplicated, or the tear-down failed
     */
    @TearDown(Level.Trial)
    public void verifyAndTearDown() throws Exception {
        try {
            bench.verify();
        } finally {
            try {
                bench.tearDown();
            } finally {
                system.close();
            }
        }
    }
}
