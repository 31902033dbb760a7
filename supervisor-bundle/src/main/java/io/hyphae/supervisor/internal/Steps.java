package io.hyphae.supervisor.internal;

import io.hyphae.api.ActorRef;
import io.hyphae.api.HyphaeException;
import io.hyphae.api.supervision.Shutdown;
import io.hyphae.api.supervision.SupervisorEvent;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The units of a supervisor's work on its children, run by its {@link StepQueue}. */
final class Steps {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisorActor.class);

    private Steps() {
    }

    /** One unit of work on children; run to completion before the next starts. */
    abstract static class Step {
        /** Starts the step; true if it is done already. */
        abstract boolean begin();

        /** A child changed state; true if that completes the step. */
        boolean changed(ChildRecord c) {
            return false;
        }

        /** A timer fired; true if that completes the step. */
        boolean timeout(long token) {
            return false;
        }

        /** The step is dropped before or while it runs. */
        void abandon() {
        }
    }

    /** Starts a child that has no live actor (first start, or by command). */
    static final class Start extends Step {
        private final SupervisorBase sup;
        final ChildRecord child;
        final CompletableFuture<ActorRef<?>> reply;
        final boolean initial;
        /** A restart by command: the spec stays whether or not the start succeeds. */
        final boolean keep;

        Start(SupervisorBase sup, ChildRecord child, CompletableFuture<ActorRef<?>> reply, boolean initial,
                boolean keep) {
            this.sup = sup;
            this.child = child;
            this.reply = reply;
            this.initial = initial;
            this.keep = keep;
        }

        @Override
        boolean begin() {
            if (!sup.children.current(child)) {
                abandon();
                return true;
            }
            if (keep) {
                child.held = false;
            }
            switch (child.state) {
                case NEW, TERMINATED -> {
                    sup.spawn(child);
                    return child.state != ChildRecord.State.STARTING;
                }
                case RUNNING -> {
                    if (reply != null) {
                        reply.complete(child.ref);
                    }
                    return true;
                }
                case STARTING -> {
                    return false; // a restart got there first: answer when it has started
                }
                default -> {
                    // Its actor is alive and being taken down: spawning another under the
                    // same name is not possible, and not what was asked for.
                    if (reply != null) {
                        reply.completeExceptionally(new IllegalStateException("child '" + child.id + "' is "
                                + child.state.name().toLowerCase(Locale.ROOT) + ", not terminated"));
                    }
                    return true;
                }
            }
        }

        @Override
        boolean changed(ChildRecord c) {
            if (c != child || c.state == ChildRecord.State.STARTING) {
                return false;
            }
            if (reply != null) {
                if (c.state == ChildRecord.State.RUNNING) {
                    reply.complete(c.ref);
                } else {
                    reply.completeExceptionally(new HyphaeException("child '" + c.id + "' is "
                            + c.state.name().toLowerCase(Locale.ROOT) + " before it started"));
                }
            }
            return true;
        }

        @Override
        void abandon() {
            if (reply != null) {
                reply.completeExceptionally(new IllegalStateException("supervisor " + sup.path
                        + " dropped the start of '" + child.id + "'"));
            }
        }
    }

    /** Starts a child that a group restart took down (or that exited and is dead). */
    static final class Restart extends Step {
        private final SupervisorBase sup;
        final ChildRecord child;
        final Throwable cause;

        Restart(SupervisorBase sup, ChildRecord child, Throwable cause) {
            this.sup = sup;
            this.child = child;
            this.cause = cause;
        }

        @Override
        boolean begin() {
            child.planned = false;
            if (child.held || !sup.children.current(child)) {
                return true;
            }
            child.restarting = true;
            if (child.state == ChildRecord.State.HALTED || child.state == ChildRecord.State.HALTING) {
                child.state = ChildRecord.State.STARTING;
                sup.control.restart(child.ref, cause);
                return false;
            }
            if (child.state == ChildRecord.State.TERMINATED) {
                sup.spawn(child);
                return child.state != ChildRecord.State.STARTING;
            }
            return true; // already running again
        }

        @Override
        boolean changed(ChildRecord c) {
            return c == child && c.state != ChildRecord.State.STARTING;
        }
    }

    /**
     * Takes a child down within its {@link Shutdown}: brutally at once, or by a graceful
     * request that a timeout (if any) turns into a brutal one. Halting (for a group
     * restart) and stopping (for good) differ only in the requests and the end state.
     */
    abstract static class ShutdownStep extends Step {
        final SupervisorBase sup;
        final ChildRecord child;
        private long token;

        ShutdownStep(SupervisorBase sup, ChildRecord child) {
            this.sup = sup;
            this.child = child;
        }

        /** True if there is nothing to take down (settling the record if needed). */
        abstract boolean nothingToDo();

        /** Asks the child to go, running its hooks. */
        abstract void askGracefully();

        /** Takes the child down now, without hooks; the step is then done. */
        abstract void force();

        /** Whether the child has reached the step's end state. */
        abstract boolean finished(ChildRecord c);

        /** What the step asks for ("halt", "stop"), for the log line when it timed out. */
        abstract String verb();

        @Override
        final boolean begin() {
            if (nothingToDo()) {
                return true;
            }
            Shutdown sd = child.spec.shutdown();
            if (sd.kind() == Shutdown.Kind.BRUTAL) {
                force();
                return true;
            }
            askGracefully();
            if (sd.kind() == Shutdown.Kind.TIMEOUT) {
                token = sup.startTimer(sd.timeout());
            }
            return false;
        }

        @Override
        final boolean changed(ChildRecord c) {
            if (c == child && finished(c)) {
                sup.cancelTimer();
                return true;
            }
            return false;
        }

        @Override
        final boolean timeout(long t) {
            if (t != token) {
                return false;
            }
            sup.publish(SupervisorEvent.Kind.SHUTDOWN_TIMED_OUT, child, null);
            LOG.warn("supervisor {}: '{}' did not {} within {}; {}", sup.path, child.id, verb(),
                    child.spec.shutdown().timeout(), "taking it down without its hooks");
            force();
            return true;
        }
    }

    /** Takes a child down for a group restart; its ref and mailbox stay. */
    static final class Halt extends ShutdownStep {
        private final Throwable cause;

        Halt(SupervisorBase sup, ChildRecord child, Throwable cause) {
            super(sup, child);
            this.cause = cause;
        }

        @Override
        boolean nothingToDo() {
            ChildRecord.State s = child.state;
            return s != ChildRecord.State.RUNNING && s != ChildRecord.State.STARTING
                    && s != ChildRecord.State.HALTING; // halted, terminated, stopping or never started
        }

        @Override
        void askGracefully() {
            if (child.state != ChildRecord.State.HALTING) {
                sup.control.halt(child.ref, cause, true);
                child.state = ChildRecord.State.HALTING;
            }
        }

        @Override
        void force() {
            sup.control.halt(child.ref, cause, false);
            child.state = ChildRecord.State.HALTED; // the runtime orders the restart after the halt
        }

        @Override
        boolean finished(ChildRecord c) {
            return c.state != ChildRecord.State.HALTING;
        }

        @Override
        String verb() {
            return "halt";
        }
    }

    /** Stops a child for good. */
    static final class Stop extends ShutdownStep {
        Stop(SupervisorBase sup, ChildRecord child) {
            super(sup, child);
        }

        @Override
        boolean nothingToDo() {
            if (child.state == ChildRecord.State.TERMINATED || child.ref == null) {
                if (child.state != ChildRecord.State.TERMINATED) {
                    sup.ended(child);
                }
                return true;
            }
            return false;
        }

        @Override
        void askGracefully() {
            if (child.state != ChildRecord.State.STOPPING) {
                child.state = ChildRecord.State.STOPPING;
                sup.ctx.stop(child.ref);
            }
        }

        @Override
        void force() {
            sup.control.kill(child.ref);
            sup.children.unbind(child.ref);
            child.ref = null;
            sup.ended(child);
        }

        @Override
        boolean finished(ChildRecord c) {
            return c.state == ChildRecord.State.TERMINATED;
        }

        @Override
        String verb() {
            return "stop";
        }
    }

    /** Waits (a restart backoff). */
    static final class Delay extends Step {
        private final SupervisorBase sup;
        private final Duration delay;
        private long token;

        Delay(SupervisorBase sup, Duration delay) {
            this.sup = sup;
            this.delay = delay;
        }

        @Override
        boolean begin() {
            token = sup.startTimer(delay);
            return false;
        }

        @Override
        boolean timeout(long t) {
            return t == token;
        }
    }

    /** Runs an action once the steps before it are done. */
    static final class Run extends Step {
        private final Runnable action;

        Run(Runnable action) {
            this.action = action;
        }

        @Override
        boolean begin() {
            action.run();
            return true;
        }
    }
}
