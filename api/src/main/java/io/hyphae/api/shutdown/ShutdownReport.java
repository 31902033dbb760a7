package io.hyphae.api.shutdown;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a coordinated shutdown did, phase by phase. Its {@link #toString()} is the table the
 * runtime logs when the shutdown ends.
 *
 * @param system the system's name
 * @param reason why it ran
 * @param phases one entry per phase, in order
 * @param took from the start of the first phase to the end of the last
 */
public record ShutdownReport(String system, ShutdownReason reason, List<PhaseReport> phases, Duration took) {

    /**
     * Copies the list.
     *
     * @param system the system's name
     * @param reason why it ran
     * @param phases one entry per phase, in order
     * @param took the total time
     */
    public ShutdownReport {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(reason, "reason");
        phases = List.copyOf(phases);
        Objects.requireNonNull(took, "took");
    }

    /** How a phase or a task ended. */
    public enum Outcome {
        /** It finished within the phase's timeout. */
        DONE,
        /** The phase's timeout expired first. */
        TIMED_OUT,
        /** It threw, or its stage completed exceptionally. */
        FAILED,
        /** It was cancelled before its phase started, or the phase had no time left for it. */
        SKIPPED
    }

    /**
     * One phase.
     *
     * @param phase the phase
     * @param outcome {@link Outcome#DONE} when the tasks and the runtime's step finished,
     *        {@link Outcome#TIMED_OUT} when the timeout expired first, {@link Outcome#FAILED}
     *        when a task failed
     * @param took how long the phase ran
     * @param summary what the runtime's step did, for example "1,204 messages handled"
     * @param tasks the tasks added for the phase, in the order they were added
     */
    public record PhaseReport(ShutdownPhase phase, Outcome outcome, Duration took, String summary,
            List<TaskReport> tasks) {

        /**
         * Copies the list.
         *
         * @param phase the phase
         * @param outcome how it ended
         * @param took how long it ran
         * @param summary what the runtime's step did
         * @param tasks its tasks
         */
        public PhaseReport {
            Objects.requireNonNull(phase, "phase");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(summary, "summary");
            tasks = List.copyOf(tasks);
        }
    }

    /**
     * One task.
     *
     * @param name the name it was added with
     * @param outcome how it ended
     * @param took from the phase's start until it ended, or until the timeout
     * @param error the failure's description, or empty
     */
    public record TaskReport(String name, Outcome outcome, Duration took, String error) {

        /**
         * Checks the fields.
         *
         * @param name the task's name
         * @param outcome how it ended
         * @param took how long it ran
         * @param error the failure, or empty
         */
        public TaskReport {
            Objects.requireNonNull(name, "name");
            Objects.requireNonNull(outcome, "outcome");
            Objects.requireNonNull(took, "took");
            Objects.requireNonNull(error, "error");
        }
    }

    /**
     * The report of one phase.
     *
     * @param phase the phase
     * @return its entry
     * @throws IllegalArgumentException if the report has none (it always has all four)
     */
    public PhaseReport phase(ShutdownPhase phase) {
        for (PhaseReport p : phases) {
            if (p.phase() == phase) {
                return p;
            }
        }
        throw new IllegalArgumentException("no report for phase " + phase);
    }

    /**
     * Whether every phase ended {@link Outcome#DONE}.
     *
     * @return true if nothing timed out or failed
     */
    public boolean clean() {
        return phases.stream().allMatch(p -> p.outcome() == Outcome.DONE);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder();
        b.append("coordinated shutdown of '").append(system).append("' (").append(reason).append(") took ")
                .append(millis(took)).append(clean() ? "" : ", not clean");
        for (PhaseReport p : phases) {
            b.append(String.format("%n  %-14s %-9s %8s  %s", p.phase(), p.outcome(), millis(p.took()), p.summary()));
            for (TaskReport t : p.tasks()) {
                b.append(String.format("%n    task '%s' %s %s%s", t.name(), t.outcome(), millis(t.took()),
                        t.error().isEmpty() ? "" : ": " + t.error()));
            }
        }
        return b.toString();
    }

    private static String millis(Duration d) {
        long micros = d.toNanos() / 1_000;
        return micros < 10_000 ? String.format("%.1f ms", micros / 1000.0) : (micros / 1_000) + " ms";
    }
}
