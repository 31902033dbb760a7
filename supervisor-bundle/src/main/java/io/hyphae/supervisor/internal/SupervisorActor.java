package io.hyphae.supervisor.internal;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorNotFoundException;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ChildHalted;
import io.hyphae.api.ChildStarted;
import io.hyphae.api.Directive;
import io.hyphae.api.ExitReason;
import io.hyphae.api.HyphaeException;
import io.hyphae.api.Signal;
import io.hyphae.api.Terminated;
import io.hyphae.api.spi.OrderedShutdown;
import io.hyphae.api.supervision.AutoShutdown;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.InvalidSpecException;
import io.hyphae.api.supervision.RestartIntensityExceededException;
import io.hyphae.api.supervision.RestartType;
import io.hyphae.api.supervision.Shutdown;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.SupervisorCommand;
import io.hyphae.api.supervision.SupervisorEvent;
import io.hyphae.api.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervisor: commands, signals and decisions; {@link SupervisorBase} holds the state
 * and carries out the shutdowns. All work on children is a queue of {@link Steps} run one at a time; a
 * step that waits (for a child to start, halt or terminate, or for a timer) completes on
 * the matching signal. Failures are answered at once with a {@link Directive}, and any
 * group work they need is queued behind the current step.
 *
 * <p>Commands that arrive before the initial children have started wait until they
 * have. When something else stops the supervisor (its parent, {@code ActorSystem.stop},
 * the system's termination), the runtime asks it first ({@link OrderedShutdown}), and it
 * stops its children newest first, each within its {@link Shutdown}, before it stops.
 */
final class SupervisorActor extends SupervisorBase implements Actor<SupervisorCommand>, OrderedShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisorActor.class);

    private final RestartIntensity intensity;
    private final BackoffClock backoff;
    /** The initial children have started (or failed to); commands wait until then. */
    private boolean started;
    private final ArrayDeque<SupervisorCommand> early = new ArrayDeque<>();

    SupervisorActor(ActorContext<SupervisorCommand> ctx, SupervisorSpec spec, EventBus events,
            LiveSupervisors live) {
        super(ctx, spec, events);
        live.started(ctx.system(), ctx.self(), spec);
        this.intensity = new RestartIntensity(spec.intensity(), spec.period());
        SplittableRandom random = new SplittableRandom();
        this.backoff = spec.backoff() == null ? null : new BackoffClock(spec.backoff(), random::nextDouble);
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void onStart() {
        for (ChildSpec cs : spec.children()) {
            ChildRecord c = children.add(new ChildRecord(cs, cs.factory(), false));
            steps.add(new Steps.Start(this, c, null, true, false));
        }
        steps.add(new Steps.Run(this::initialChildrenStarted));
        steps.advance();
    }

    @Override
    void initialChildrenStarted() {
        started = true;
        SupervisorCommand m;
        while ((m = early.poll()) != null) {
            receive(m);
        }
    }

    @Override
    public void onStopRequested(ExitReason reason) {
        if (!terminating) {
            LOG.debug("supervisor {} asked to stop ({}): stopping its children in order", path, reason);
            terminateAll(() -> ctx.stop(ctx.self()));
            steps.advance();
        }
        // Otherwise a shutdown is under way already; it ends by stopping this actor.
    }

    @Override
    public void onStop() {
        for (SupervisorCommand m : early) {
            if (m instanceof Command c) {
                c.reply().completeExceptionally(new HyphaeException("supervisor " + path + " stopped"));
            }
        }
        early.clear();
        steps.abandonAll();
        for (ChildRecord c : children.all()) {
            if (c.pendingReply != null) {
                c.pendingReply.completeExceptionally(new HyphaeException("supervisor " + path + " stopped"));
            }
        }
    }

    // ------------------------------------------------------------------ commands

    @Override
    public void receive(SupervisorCommand message) {
        if (message instanceof Command.Timeout t) {
            steps.timeout(t.token());
            return;
        }
        if (!(message instanceof Command command)) {
            LOG.warn("supervisor {} ignores an unknown command {}", path, message);
            return;
        }
        if (!started) {
            early.add(command);
            return;
        }
        if (command instanceof Command.WhichChildren w) {
            w.reply().complete(children.which());
            return;
        }
        if (terminating) {
            command.reply().completeExceptionally(new IllegalStateException("supervisor " + path
                    + " is shutting down"));
            return;
        }
        if (command instanceof Command.StartChild s) {
            startChild(s);
        } else if (command instanceof Command.TerminateChild t) {
            ChildRecord c = known(t.id(), t.reply());
            if (c != null) {
                c.held = true;
                if (c.dynamic || c.spec.restart() == RestartType.TEMPORARY) {
                    c.removeOnTerminate = true;
                }
                steps.add(new Steps.Stop(this, c));
                steps.add(new Steps.Run(() -> t.reply().complete(null)));
            }
        } else if (command instanceof Command.RestartChild r) {
            ChildRecord c = known(r.id(), r.reply());
            if (c != null) {
                if (c.dynamic) {
                    r.reply().completeExceptionally(new IllegalStateException("dynamic child '" + r.id()
                            + "' cannot be restarted by command; start a new one"));
                } else if (c.state != ChildRecord.State.TERMINATED) {
                    r.reply().completeExceptionally(new IllegalStateException("child '" + r.id() + "' is "
                            + c.state.name().toLowerCase(Locale.ROOT) + ", not terminated"));
                } else {
                    // The child stays held until the start begins: a restart planned before
                    // it was terminated, and still queued, must not start it first.
                    steps.add(new Steps.Start(this, c, r.reply(), false, true));
                }
            }
        } else if (command instanceof Command.DeleteChild d) {
            ChildRecord c = known(d.id(), d.reply());
            if (c != null) {
                if (c.state != ChildRecord.State.TERMINATED) {
                    d.reply().completeExceptionally(new IllegalStateException("child '" + d.id() + "' is "
                            + c.state.name().toLowerCase(Locale.ROOT) + "; terminate it first"));
                } else {
                    children.remove(c);
                    d.reply().complete(null);
                }
            }
        } else if (command instanceof Command.Shutdown s) {
            s.reply().complete(null);
            terminateAll(() -> ctx.stop(ctx.self()));
        }
        steps.advance();
    }

    private void startChild(Command.StartChild s) {
        if (spec.strategy() == Strategy.DYNAMIC) {
            if (s.spec() != null) {
                s.reply().completeExceptionally(new InvalidSpecException("supervisor " + path
                        + " is DYNAMIC: it starts children from its template; use startChild() or startChild(factory)"));
                return;
            }
            // Dynamic children are independent: they start concurrently, each reply
            // completing when its own child has started. They are anonymous actors; the
            // generated name is the id.
            ChildRecord c = new ChildRecord(spec.template(), s.factory() != null ? s.factory() : spec.template().factory(), true);
            c.pendingReply = s.reply();
            spawn(c);
            return;
        }
        ChildSpec cs;
        {
            cs = s.spec();
            if (cs == null) {
                s.reply().completeExceptionally(new InvalidSpecException("supervisor " + path + " is "
                        + spec.strategy() + ": startChild needs a ChildSpec (only DYNAMIC supervisors use a template)"));
                return;
            }
            if (children.contains(cs.id())) {
                s.reply().completeExceptionally(new InvalidSpecException("supervisor " + path
                        + " already has a child '" + cs.id() + "'"));
                return;
            }
            if (cs.significant() && spec.autoShutdown() == AutoShutdown.NEVER) {
                s.reply().completeExceptionally(new InvalidSpecException("child '" + cs.id()
                        + "' is significant but supervisor " + path + " never shuts down automatically"));
                return;
            }
        }
        ChildRecord c = children.add(new ChildRecord(cs, cs.factory(), false));
        steps.add(new Steps.Start(this, c, s.reply(), false, false));
    }

    private ChildRecord known(String id, CompletableFuture<?> reply) {
        ChildRecord c = children.byId(id);
        if (c == null) {
            reply.completeExceptionally(new ActorNotFoundException("supervisor " + path + " has no child '" + id + "'"));
        }
        return c;
    }

    // ------------------------------------------------------------------ signals

    @Override
    public void onSignal(Signal signal) {
        if (signal instanceof ChildStarted s) {
            ChildRecord c = children.byRef(s.ref());
            if (c != null && c.state == ChildRecord.State.STARTING) {
                c.state = ChildRecord.State.RUNNING;
                c.startedAt = now();
                boolean restarted = c.restarting;
                c.restarting = false;
                publish(restarted ? SupervisorEvent.Kind.CHILD_RESTARTED : SupervisorEvent.Kind.CHILD_STARTED, c, null);
                if (c.pendingReply != null) {
                    c.pendingReply.complete(c.ref);
                    c.pendingReply = null;
                }
                steps.changed(c);
            }
        } else if (signal instanceof ChildHalted h) {
            ChildRecord c = children.byRef(h.ref());
            if (c != null && c.state == ChildRecord.State.HALTING) {
                c.state = ChildRecord.State.HALTED;
                steps.changed(c);
            }
        } else if (signal instanceof Terminated t) {
            terminated(t);
        }
        steps.advance();
    }

    private void terminated(Terminated t) {
        ChildRecord c = children.unbind(t.ref());
        if (c == null || c.ref != t.ref()) {
            return;
        }
        ChildRecord.State before = c.state;
        c.ref = null;
        c.state = ChildRecord.State.TERMINATED;
        if (c.pendingReply != null) {
            c.pendingReply.completeExceptionally(new HyphaeException("child '" + c.id + "' stopped before it started"));
            c.pendingReply = null;
        }
        if (before == ChildRecord.State.STOPPING) {
            ended(c);
            steps.changed(c);
        } else {
            // It ended by itself or something else stopped it.
            steps.changed(c);
            if (!terminating) {
                exit(c, t.reason() == ExitReason.NORMAL ? ExitReason.NORMAL : ExitReason.SHUTDOWN, null);
            }
        }
    }

    @Override
    public Directive onChildFailure(ActorRef<?> ref, Throwable cause) {
        ChildRecord c = children.byRef(ref);
        if (c == null) {
            return Directive.STOP;
        }
        publish(SupervisorEvent.Kind.CHILD_FAILED, c, cause);
        Directive d = switch (c.state) {
            case STOPPING, TERMINATED, NEW -> Directive.STOP;
            case HALTING, HALTED -> Directive.HALT;
            case STARTING -> startFailed(c, cause);
            case RUNNING -> {
                if (terminating) {
                    c.state = ChildRecord.State.STOPPING;
                    yield Directive.STOP;
                }
                if (c.planned) {
                    // A queued group restart covers it: take it down now, restart with the group.
                    c.state = ChildRecord.State.HALTING;
                    yield Directive.HALT;
                }
                yield exit(c, ExitReason.FAILURE, cause);
            }
        };
        steps.advance();
        return d;
    }

    private Directive startFailed(ChildRecord c, Throwable cause) {
        if (steps.current() instanceof Steps.Start st && st.child == c) {
            steps.dropCurrent();
            if (st.reply != null) {
                // A child whose start by command fails is not kept (OTP's start_child);
                // one that restartChild could not start keeps its spec (restart_child).
                st.reply.completeExceptionally(cause);
                c.removeOnTerminate = !st.keep;
                c.state = ChildRecord.State.STOPPING;
                return Directive.STOP;
            }
            if (st.initial) {
                c.state = ChildRecord.State.STOPPING;
                HyphaeException failure = new HyphaeException("supervisor " + path + " could not start child '"
                        + c.id + "': " + cause, cause);
                terminateAll(() -> escalate(failure));
                return Directive.STOP;
            }
        }
        if (c.pendingReply != null) {
            c.pendingReply.completeExceptionally(cause);
            c.pendingReply = null;
            c.removeOnTerminate = true;
            c.state = ChildRecord.State.STOPPING;
            return Directive.STOP;
        }
        return exit(c, ExitReason.FAILURE, cause);
    }

    // ------------------------------------------------------------------ decisions

    /**
     * Decides what a child's exit leads to. After a failure the child is suspended and the
     * returned directive applies to it; otherwise it has already terminated.
     */
    private Directive exit(ChildRecord c, ExitReason kind, Throwable cause) {
        boolean failed = kind == ExitReason.FAILURE;
        if (!RestartPolicy.restarts(c.spec, kind, cause)) {
            if (c.dynamic || c.spec.restart() == RestartType.TEMPORARY) {
                c.removeOnTerminate = true;
            }
            if (failed) {
                c.state = ChildRecord.State.STOPPING; // ended() runs when it has terminated
            } else {
                ended(c);
            }
            autoShutdown(c);
            return Directive.STOP;
        }
        if (!intensity.record(now())) {
            publish(SupervisorEvent.Kind.INTENSITY_EXCEEDED, null, cause);
            LOG.error("supervisor {}: more than {} restarts in {}; stopping all children and escalating", path,
                    spec.intensity(), spec.period());
            if (failed) {
                c.state = ChildRecord.State.STOPPING;
            }
            RestartIntensityExceededException failure = new RestartIntensityExceededException("supervisor " + path
                    + " exceeded its restart intensity (" + spec.intensity() + " in " + spec.period() + ")", cause);
            terminateAll(() -> escalate(failure));
            return Directive.STOP;
        }
        Duration delay = backoff == null ? null : backoff.next(c, now());
        List<ChildRecord> group = children.group(spec.strategy(), c);
        if (group.size() == 1 && delay == null && failed && steps.idle()) {
            c.state = ChildRecord.State.STARTING;
            c.restarting = true;
            LOG.debug("supervisor {}: restarting '{}'", path, c.id);
            return Directive.RESTART;
        }
        planGroupRestart(c, kind, cause, group, delay);
        return Directive.HALT;
    }

}
