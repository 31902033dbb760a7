package io.hyphae.supervisor.internal;

import io.hyphae.api.ActorContext;
import io.hyphae.api.ExitReason;
import io.hyphae.api.HyphaeException;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.spi.ChildControl;
import io.hyphae.api.supervision.AutoShutdown;
import io.hyphae.api.supervision.RestartType;
import io.hyphae.api.supervision.SupervisorCommand;
import io.hyphae.api.supervision.SupervisorEvent;
import io.hyphae.api.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A supervisor's state (its children, its steps, its step timer) and what steps and
 * decisions share: spawning a child, recording its end, shutting the group down and
 * escalating. {@link SupervisorActor} adds commands, signals and restart decisions.
 */
abstract class SupervisorBase {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisorActor.class);
    private static final Object TIMER = "step-timer";

    final ActorContext<SupervisorCommand> ctx;
    /** Kill, halt and restart of children. */
    final ChildControl control;
    final SupervisorSpec spec;
    private final EventBus events;
    final String path;
    final ChildTable children = new ChildTable();
    final StepQueue steps = new StepQueue();
    /** Spawn options of dynamic children: anonymous, with lifecycle signals. */
    private final SpawnOptions dynamicOptions;
    /** Stopping every child; nothing is restarted any more. */
    boolean terminating;
    private long tokens;

    SupervisorBase(ActorContext<SupervisorCommand> ctx, SupervisorSpec spec, EventBus events) {
        this.ctx = ctx;
        this.control = ctx.unwrap(ChildControl.class);
        this.spec = spec;
        this.events = events;
        this.path = ctx.self().path();
        this.dynamicOptions = spec.template() == null ? null
                : spec.template().options().withName(null).withLifecycleSignals(true);
    }

    /** Lets commands that waited for the initial children run (or fail, once terminating). */
    abstract void initialChildrenStarted();

    /**
     * Queues a group restart: the child that exited goes down first (in OTP it is already
     * dead), then the rest of the group newest first; then the delay, if any; then the
     * group starts again in start order (temporary children are stopped, not restarted).
     */
    final void planGroupRestart(ChildRecord c, ExitReason kind, Throwable cause, List<ChildRecord> group,
            Duration delay) {
        for (ChildRecord g : group) {
            g.planned = true;
        }
        if (kind == ExitReason.FAILURE) {
            c.state = ChildRecord.State.HALTING; // the HALT directive takes it down
        }
        Throwable reason = cause != null ? cause : new HyphaeException("child '" + c.id + "' exited ("
                + kind.name().toLowerCase(Locale.ROOT) + ")");
        steps.add(new Steps.Halt(this, c, reason));
        for (int i = group.size() - 1; i >= 0; i--) {
            ChildRecord g = group.get(i);
            if (g == c) {
                continue;
            }
            if (g.spec.restart() == RestartType.TEMPORARY) {
                g.removeOnTerminate = true;
                steps.add(new Steps.Stop(this, g));
            } else {
                steps.add(new Steps.Halt(this, g, reason));
            }
        }
        if (delay != null) {
            steps.add(new Steps.Delay(this, delay));
        }
        for (ChildRecord g : group) {
            if (g == c || g.spec.restart() != RestartType.TEMPORARY) {
                steps.add(new Steps.Restart(this, g, reason));
            }
        }
        LOG.debug("supervisor {}: {} restart of {} children after '{}' exited", path, spec.strategy(), group.size(),
                c.id);
    }

    /** A child has ended for good: publish, forget if it should be forgotten. */
    final void ended(ChildRecord c) {
        c.state = ChildRecord.State.TERMINATED;
        publish(SupervisorEvent.Kind.CHILD_STOPPED, c, null);
        if (c.removeOnTerminate) {
            children.remove(c);
        }
    }

    final void autoShutdown(ChildRecord c) {
        if (!c.spec.significant() || spec.autoShutdown() == AutoShutdown.NEVER || terminating) {
            return;
        }
        if (spec.autoShutdown() == AutoShutdown.ALL_SIGNIFICANT) {
            for (ChildRecord g : children.all()) {
                if (g != c && g.spec.significant() && g.state != ChildRecord.State.TERMINATED
                        && g.state != ChildRecord.State.STOPPING) {
                    return;
                }
            }
        }
        publish(SupervisorEvent.Kind.AUTO_SHUTDOWN, c, null);
        LOG.info("supervisor {}: significant child '{}' ended; shutting down", path, c.id);
        terminateAll(() -> ctx.stop(ctx.self()));
    }

    /** Drops queued work and stops every child newest first, then runs {@code last}. */
    final void terminateAll(Runnable last) {
        terminating = true;
        initialChildrenStarted(); // commands that waited now fail: shutting down
        steps.abandonAll();
        List<ChildRecord> all = new ArrayList<>(children.all());
        for (int i = all.size() - 1; i >= 0; i--) {
            ChildRecord c = all.get(i);
            c.held = true;
            if (c.state != ChildRecord.State.TERMINATED) {
                steps.add(new Steps.Stop(this, c));
            }
        }
        steps.add(new Steps.Run(last));
    }

    final void escalate(HyphaeException failure) {
        publish(SupervisorEvent.Kind.ESCALATED, null, failure);
        if (ctx.self().path().indexOf('/') >= 0) {
            LOG.error("supervisor {} escalates to its parent: {}", path, failure.getMessage());
            throw failure;
        }
        LOG.error("top-level supervisor {} stops: {}", path, failure.getMessage());
        ctx.stop(ctx.self());
        if (spec.escalationTerminatesSystem()) {
            try {
                ctx.system().terminate();
            } catch (RuntimeException e) {
                LOG.error("supervisor {} could not terminate the actor system", path, e);
            }
        }
    }

    // ------------------------------------------------------------------ what steps use

    ChildTable children() {
        return children;
    }

    ActorContext<SupervisorCommand> context() {
        return ctx;
    }

    String path() {
        return path;
    }

    /** The system clock's reading, so intensity windows and backoff follow a test's manual clock. */
    long now() {
        return ctx.system().clock().nanoTime();
    }

    long startTimer(Duration d) {
        long token = ++tokens;
        ctx.timers().startSingleTimer(TIMER, new Command.Timeout(token), d);
        return token;
    }

    void cancelTimer() {
        ctx.timers().cancel(TIMER);
    }

    /** Spawns a fresh actor for a child with no live one; leaves it STARTING, or handles the failure. */
    void spawn(ChildRecord c) {
        try {
            c.ref = ctx.spawn(c.factory, c.dynamic ? dynamicOptions
                    : c.spec.options().withName(c.id).withLifecycleSignals(true));
        } catch (RuntimeException e) {
            LOG.error("supervisor {} could not spawn child '{}'", path, c.id, e);
            publish(SupervisorEvent.Kind.CHILD_FAILED, c, e);
            c.state = ChildRecord.State.TERMINATED;
            if (c.pendingReply != null) {
                c.pendingReply.completeExceptionally(e);
                c.pendingReply = null;
            }
            if (steps.current() instanceof Steps.Start st && st.child == c && st.reply != null) {
                st.reply.completeExceptionally(e);
                if (st.keep) {
                    return; // restartChild failed: the child stays, terminated, to be tried again
                }
            }
            children.remove(c);
            return;
        }
        c.state = ChildRecord.State.STARTING;
        children.bind(c);
        if (c.dynamic && c.id == null) {
            c.id = c.ref.name();
            children.add(c);
        }
    }

    final void publish(SupervisorEvent.Kind kind, ChildRecord c, Throwable cause) {
        events.publish(new SupervisorEvent(kind, path, c == null ? null : c.id, c == null ? null : c.ref, cause));
    }
}
