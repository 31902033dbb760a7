package io.hyphae.runtime.internal;

import io.hyphae.api.shutdown.CoordinatedShutdown;
import io.hyphae.api.shutdown.ShutdownPhase;
import io.hyphae.api.shutdown.ShutdownReason;
import io.hyphae.api.shutdown.ShutdownReport;
import io.hyphae.api.shutdown.ShutdownReport.Outcome;
import io.hyphae.api.shutdown.ShutdownReport.PhaseReport;
import io.hyphae.api.shutdown.ShutdownReport.TaskReport;
import io.hyphae.api.shutdown.ShutdownSettings;
import io.hyphae.api.time.Cancellable;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A system's coordinated shutdown. The first {@link #run} starts a thread of its own that
 * runs the phases in order: for each, the tasks added for it (each called on a thread of
 * its own, so one that blocks cannot hold up the others or outlast the timeout), then the
 * runtime's step, all before the phase's deadline. It then logs the report, completes it and
 * completes the system's termination. Tasks and the phase reached are guarded by this
 * object's lock.
 */
final class PhasedShutdown implements CoordinatedShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(PhasedShutdown.class);
    /** The longest pause between two drain probes. */
    private static final long MAX_PROBE_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private final HyphaeActorSystem system;
    /** Replaced by a configuration change; each phase reads it when it starts. */
    private volatile ShutdownSettings settings;
    private final EnumMap<ShutdownPhase, List<Task>> tasks = new EnumMap<>(ShutdownPhase.class);
    /** Completes once the last top-level actor has gone after the stop phase told them to stop. */
    final CompletableFuture<Void> actorsGone = new CompletableFuture<>();
    private final CompletableFuture<ShutdownReport> report = new CompletableFuture<>();
    /** The registered JVM shutdown hook, or null; guarded by this. */
    private Thread hook;
    /** The phase running or last run; null before the start. */
    private ShutdownPhase reached;
    private volatile ShutdownReason reason;

    PhasedShutdown(HyphaeActorSystem system, ShutdownSettings settings) {
        this.system = system;
        this.settings = settings;
        for (ShutdownPhase p : ShutdownPhase.values()) {
            tasks.put(p, new ArrayList<>());
        }
        this.hook = settings.jvmHook() ? registerHook() : null;
    }

    /** Applies changed settings: the timeouts of phases yet to start, and the JVM hook. */
    void configure(ShutdownSettings changed) {
        settings = changed;
        synchronized (this) {
            if (reason != null) {
                return;
            }
            if (changed.jvmHook() && hook == null) {
                hook = registerHook();
            } else if (!changed.jvmHook() && hook != null) {
                removeHook();
                hook = null;
            }
        }
    }

    private Thread registerHook() {
        Thread t = new Thread(this::runFromHook, "hyphae-" + system.name() + "-jvm-exit");
        try {
            Runtime.getRuntime().addShutdownHook(t);
            return t;
        } catch (IllegalStateException | SecurityException e) {
            LOG.debug("actor system '{}': no JVM shutdown hook ({})", system.name(), e.toString());
            return null;
        }
    }

    /** The JVM exits: run the shutdown and wait for it, since the JVM halts once the hooks return. */
    private void runFromHook() {
        long bound = 5_000;
        for (ShutdownPhase p : ShutdownPhase.values()) {
            bound += settings.timeout(p).toMillis();
        }
        try {
            run(ShutdownReason.JVM_EXIT).toCompletableFuture().get(bound, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("actor system '{}': coordinated shutdown at JVM exit did not finish: {}", system.name(),
                    e.toString());
        }
    }

    @Override
    public Cancellable addTask(ShutdownPhase phase, String name, Supplier<? extends CompletionStage<?>> task) {
        Objects.requireNonNull(phase, "phase");
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(task, "task");
        if (name.isBlank()) {
            throw new IllegalArgumentException("a shutdown task needs a name");
        }
        Task t = new Task(phase, name, task);
        synchronized (this) {
            if (started(phase)) {
                throw system.terminatedError("its shutdown phase " + phase + " has started; task '" + name
                        + "' was not added");
            }
            tasks.get(phase).add(t);
        }
        return t;
    }

    private boolean started(ShutdownPhase phase) {
        return reached != null && reached.compareTo(phase) >= 0;
    }

    @Override
    public CompletionStage<ShutdownReport> run(ShutdownReason why) {
        Objects.requireNonNull(why, "reason");
        synchronized (this) {
            if (reason != null) {
                return report.minimalCompletionStage();
            }
            reason = why;
        }
        // Refused from the start, so a spawn or upgrade after terminate() returns fails typed.
        system.guardian.closeToNew();
        LOG.info("actor system '{}': coordinated shutdown ({})", system.name(), why);
        Thread t = new Thread(this::runPhases, "hyphae-" + system.name() + "-shutdown");
        t.start();
        return report.minimalCompletionStage();
    }

    @Override
    public Optional<ShutdownReason> reason() {
        return Optional.ofNullable(reason);
    }

    @Override
    public Duration timeout(ShutdownPhase phase) {
        return settings.timeout(phase);
    }

    /** Completes with the report once the shutdown ended; never if it does not start. */
    CompletionStage<ShutdownReport> whenReported() {
        return report.minimalCompletionStage();
    }

    private void runPhases() {
        long t0 = System.nanoTime();
        List<PhaseReport> phases = new ArrayList<>();
        try {
            for (ShutdownPhase p : ShutdownPhase.values()) {
                phases.add(runPhase(p));
            }
        } catch (RuntimeException | Error e) {
            LOG.error("actor system '{}': coordinated shutdown failed after {}", system.name(), phases.size(), e);
        } finally {
            for (ShutdownPhase p : ShutdownPhase.values()) {
                if (phases.size() <= p.ordinal()) {
                    phases.add(new PhaseReport(p, Outcome.FAILED, Duration.ZERO, "not run", List.of()));
                }
            }
            ShutdownReport r = new ShutdownReport(system.name(), reason, phases,
                    Duration.ofNanos(System.nanoTime() - t0));
            if (r.clean()) {
                LOG.info("{}", r);
            } else {
                LOG.warn("{}", r);
            }
            removeHook();
            report.complete(r);
            system.terminationEnded();
        }
    }

    private void removeHook() {
        Thread h;
        synchronized (this) {
            h = hook;
        }
        if (h != null && Thread.currentThread() != h) {
            try {
                Runtime.getRuntime().removeShutdownHook(h);
            } catch (IllegalStateException shuttingDown) {
                // the JVM exits: the hook may be what runs this shutdown
            }
        }
    }

    private PhaseReport runPhase(ShutdownPhase phase) {
        List<Task> mine;
        synchronized (this) {
            reached = phase;
            mine = List.copyOf(tasks.get(phase));
        }
        long start = System.nanoTime();
        long deadline = start + settings.timeout(phase).toNanos();
        List<CompletableFuture<Long>> running = new ArrayList<>(mine.size());
        for (Task t : mine) {
            running.add(t.cancelled ? null : t.start(system.name(), start));
        }
        List<TaskReport> taskReports = new ArrayList<>(mine.size());
        boolean timedOut = false;
        boolean failed = false;
        for (int i = 0; i < mine.size(); i++) {
            TaskReport tr = await(mine.get(i).name, running.get(i), start, deadline);
            timedOut |= tr.outcome() == Outcome.TIMED_OUT;
            failed |= tr.outcome() == Outcome.FAILED;
            taskReports.add(tr);
        }
        Step step = switch (phase) {
            case STOP_ACCEPTING -> stopAccepting();
            case DRAIN -> drain(deadline);
            case STOP_ACTORS -> stopActors(deadline);
            case CLOSE_SERVICES -> closeServices(deadline);
        };
        Outcome outcome = timedOut || !step.done ? Outcome.TIMED_OUT : failed ? Outcome.FAILED : Outcome.DONE;
        return new PhaseReport(phase, outcome, Duration.ofNanos(System.nanoTime() - start), step.summary,
                taskReports);
    }

    private static TaskReport await(String name, CompletableFuture<Long> f, long start, long deadline) {
        if (f == null) {
            return new TaskReport(name, Outcome.SKIPPED, Duration.ZERO, "cancelled");
        }
        try {
            long ended = f.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new TaskReport(name, Outcome.DONE, Duration.ofNanos(ended - start), "");
        } catch (TimeoutException e) {
            return new TaskReport(name, Outcome.TIMED_OUT, Duration.ofNanos(deadline - start), "still running");
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof TaskFailure tf ? tf.getCause() : e.getCause();
            long ended = e.getCause() instanceof TaskFailure tf ? tf.ended : System.nanoTime();
            return new TaskReport(name, Outcome.FAILED, Duration.ofNanos(ended - start), String.valueOf(cause));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new TaskReport(name, Outcome.TIMED_OUT, Duration.ofNanos(System.nanoTime() - start),
                    "interrupted");
        }
    }

    // ------------------------------------------------------------------ the runtime's steps

    private record Step(boolean done, String summary) {
    }

    private Step stopAccepting() {
        int live = system.guardian.closeToNew();
        return new Step(true, "new top-level actors and upgrades refused; " + live + " top-level actors live");
    }

    private Step drain(long deadline) {
        long before = system.dispatchers.processed();
        long pause = TimeUnit.MILLISECONDS.toNanos(1);
        while (true) {
            long p0 = system.dispatchers.processed();
            int busy = probe(deadline);
            long p1 = system.dispatchers.processed();
            String handled = String.format("%,d messages handled", p1 - before);
            if (busy == 0 && p0 == p1) {
                return new Step(true, handled + "; every mailbox empty");
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return new Step(false, handled + "; " + (busy < 0 ? "the probe of the tree did not finish"
                        : busy + " actors still had messages queued") + " at the timeout");
            }
            LockSupport.parkNanos(Math.min(pause, left));
            pause = Math.min(pause * 2, MAX_PROBE_PAUSE_NANOS);
        }
    }

    /** Walks the tree; returns how many actors had messages queued, or -1 if the walk outlasted the deadline. */
    private int probe(long deadline) {
        Walk walk = new Walk();
        for (ActorCell<?> c : system.guardian.topLevel()) {
            walk.enter();
            c.sendSystem(new SystemMessage.Probe(walk));
        }
        walk.leave(false);
        try {
            return walk.done.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private Step stopActors(long deadline) {
        long before = system.counters.live();
        int topLevel = system.guardian.stopAll(false).size();
        try {
            actorsGone.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return new Step(true, String.format("%,d actors stopped (%d top-level), children first", before,
                    topLevel));
        } catch (TimeoutException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            long stopped = before - system.counters.live();
            List<String> left = new ArrayList<>();
            for (ActorCell<?> c : system.guardian.stopAll(true)) {
                left.add(c.path());
            }
            return new Step(false, String.format("%,d actors stopped; %d top-level actors still running at the "
                    + "timeout, now stopped without their hooks: %s", stopped, left.size(),
                    left.size() > 8 ? left.subList(0, 8) + "…" : left));
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    private Step closeServices(long deadline) {
        boolean ended = system.closeThreads(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        return new Step(ended, ended ? "open asks failed, timers cancelled, dispatcher threads ended"
                : "open asks failed, timers cancelled; some dispatcher threads still run at the timeout");
    }

    // ------------------------------------------------------------------ tasks

    /** A task's failure with the time it ended. */
    private static final class TaskFailure extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final transient long ended;

        TaskFailure(Throwable cause, long ended) {
            super(cause);
            this.ended = ended;
        }
    }

    private final class Task implements Cancellable {
        final ShutdownPhase phase;
        final String name;
        final Supplier<? extends CompletionStage<?>> body;
        volatile boolean cancelled;

        Task(ShutdownPhase phase, String name, Supplier<? extends CompletionStage<?>> body) {
            this.phase = phase;
            this.name = name;
            this.body = body;
        }

        /** Calls the task on a thread of its own; completes with the time it ended. */
        CompletableFuture<Long> start(String systemName, long phaseStart) {
            CompletableFuture<Long> f = new CompletableFuture<>();
            Thread t = new Thread(() -> {
                try {
                    CompletionStage<?> stage = body.get();
                    if (stage == null) {
                        f.complete(System.nanoTime());
                    } else {
                        stage.whenComplete((v, e) -> {
                            if (e == null) {
                                f.complete(System.nanoTime());
                            } else {
                                f.completeExceptionally(new TaskFailure(e, System.nanoTime()));
                            }
                        });
                    }
                } catch (Throwable e) {
                    f.completeExceptionally(new TaskFailure(e, System.nanoTime()));
                }
            }, "hyphae-" + systemName + "-shutdown-task");
            t.setDaemon(true);
            t.start();
            return f;
        }

        @Override
        public boolean cancel() {
            synchronized (PhasedShutdown.this) {
                if (cancelled || started(phase)) {
                    return false;
                }
                cancelled = true;
                tasks.get(phase).remove(this);
                return true;
            }
        }

        @Override
        public String toString() {
            return "shutdown task '" + name + "' in " + phase;
        }
    }
}
