package io.hyphae.perf.workload;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Supervision benchmarks: supervised spawn and restart latency, on the deployed supervision service. */
public final class SupervisionWorkloads {

    /** Children per supervised-spawn invocation (quick: {@value #QUICK_SPAWNS}). */
    public static final int SPAWNS = 1_000;
    /** Children per supervised-spawn invocation in a quick run. */
    public static final int QUICK_SPAWNS = 100;

    private static final AtomicInteger NAMES = new AtomicInteger();
    /** The probe's failures are on purpose, so they are logged at DEBUG only. */
    private static final SpawnOptions QUIET = SpawnOptions.defaults().withFailureLogging(false);
    private static final Object FAIL = "fail";

    private SupervisionWorkloads() {
    }

    /** Counts starts and handled messages across instances. */
    private static final class Probe {
        final AtomicLong starts = new AtomicLong();
        final AtomicLong pings = new AtomicLong();

        ActorFactory<Object> factory() {
            return ctx -> new Actor<Object>() {
                @Override
                public void onStart() {
                    starts.incrementAndGet();
                }

                @Override
                public void receive(Object m) {
                    if (m == FAIL) {
                        throw new IllegalStateException("failing on purpose");
                    }
                    pings.incrementAndGet();
                }
            };
        }
    }

    /** A unique top-level name, so runs never collide with each other or with the application. */
    static String name(String what) {
        return "perf-" + what + "-" + NAMES.incrementAndGet();
    }

    /**
     * Starts {@code spawns} children on a fresh dynamic supervisor; one operation is one child
     * started and acknowledged. The supervisor is made before and shut down after each
     * invocation, untimed. Checks that every acknowledged child ran.
     */
    public static final class SupervisedSpawn implements Bench {
        private final ActorSystem system;
        private final Supervision supervision;
        private final int spawns;
        private final Probe probe = new Probe();
        private Supervisor pool;
        private long acknowledged;

        public SupervisedSpawn(ActorSystem system, Supervision supervision, int spawns) {
            this.system = system;
            this.supervision = supervision;
            this.spawns = spawns;
        }

        @Override
        public void beforeInvocation() {
            pool = supervision.start(system, name("pool"), SupervisorSpec.dynamic(ChildSpec.of("w", probe.factory())));
        }

        @Override
        public double invoke() throws Exception {
            List<CompletableFuture<ActorRef<?>>> started = new ArrayList<>(spawns);
            for (int i = 0; i < spawns; i++) {
                started.add(pool.startChild().toCompletableFuture());
            }
            for (CompletableFuture<ActorRef<?>> f : started) {
                Waits.spinUntil(f::isDone, "a child's start");
                f.join();
            }
            acknowledged += spawns;
            return spawns;
        }

        @Override
        public void afterInvocation() throws Exception {
            Supervisor p = pool;
            pool = null;
            Waits.await(p.shutdown(), "a supervisor's shutdown");
        }

        @Override
        public void verify() {
            if (probe.starts.get() != acknowledged) {
                throw new IllegalStateException(acknowledged + " children acknowledged but " + probe.starts.get()
                        + " started");
            }
        }

        @Override
        public void tearDown() throws Exception {
            if (pool != null) {
                afterInvocation();
            }
        }
    }

    /**
     * Restart latency of a supervised one-for-one child; one operation lasts until the fresh
     * instance has handled a message. Either the child fails on a message (failure-driven;
     * the child is spawned with failure logging off, as any actor that fails by design
     * should be), or an operator restarts it ({@link Supervisor#terminateChild}, then
     * {@link Supervisor#restartChild}, as OTP's {@code restart_child} wants a terminated
     * child), the caller waiting on each step. Checks one start per restart and one handled
     * message per operation.
     */
    public static final class Restart implements Bench {
        private final ActorSystem system;
        private final boolean byFailure;
        private final Supervisor supervisor;
        private final Probe probe = new Probe();
        private ActorRef<Object> child;
        private long restarts;

        public Restart(ActorSystem system, Supervision supervision, boolean byFailure) throws Exception {
            this.system = system;
            this.byFailure = byFailure;
            SupervisorSpec spec = SupervisorSpec.of(Strategy.ONE_FOR_ONE)
                    .withIntensity(Integer.MAX_VALUE, Duration.ofSeconds(1))
                    .withChild(ChildSpec.of("child", probe.factory()).withOptions(QUIET));
            supervisor = supervision.start(system, name(byFailure ? "failing" : "restart"), spec);
            child = running(Waits.await(supervisor.whichChildren(), "the supervisor's start").get(0).ref());
        }

        @SuppressWarnings("unchecked")
        private static ActorRef<Object> running(ActorRef<?> ref) {
            if (ref == null) {
                throw new IllegalStateException("the supervised child is not running");
            }
            return (ActorRef<Object>) ref;
        }

        @Override
        public double invoke() throws Exception {
            long before = probe.pings.get();
            if (byFailure) {
                child.tell(FAIL);
            } else {
                Waits.await(supervisor.terminateChild("child"), "a child's termination");
                child = running(Waits.await(supervisor.restartChild("child"), "a restart"));
            }
            child.tell("ping");
            Waits.spinUntil(() -> probe.pings.get() > before, "the restarted child's first message");
            restarts++;
            return 1;
        }

        @Override
        public void verify() {
            if (probe.starts.get() != restarts + 1 || probe.pings.get() != restarts) {
                throw new IllegalStateException(restarts + " restarts but " + probe.starts.get() + " starts and "
                        + probe.pings.get() + " messages handled");
            }
        }

        @Override
        public void tearDown() throws Exception {
            Waits.await(supervisor.shutdown(), "a supervisor's shutdown");
            Waits.await(system.whenTerminated(supervisor.ref()), "a supervisor's termination");
        }
    }
}
