package io.hyphae.supervisor.internal;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorNotFoundException;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ChildHalted;
import io.hyphae.api.ChildStarted;
import io.hyphae.api.Directive;
import io.hyphae.api.ExitReason;
import io.hyphae.api.HyphaeException;
import io.hyphae.api.Signal;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Terminated;
import io.hyphae.api.spi.OrderedShutdown;
import io.hyphae.api.supervision.AutoShutdown;
import io.hyphae.api.supervision.ChildInfo;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One supervisor. All work on children is a queue of {@link Step}s run one at a time; a
 * step that waits (for a child to start, halt or terminate, or for a timer) completes on
 * the matching signal. Failures are answered at once with a {@link Directive}, and any
 * group work they need is queued behind the current step.
 *
 * <p>Commands that arrive before the initial children have started wait until they
 * have. When something else stops the supervisor (its parent, {@code ActorSystem.stop},
 * the system's termination), the runtime asks it first ({@link OrderedShutdown}), and it
 * stops its children newest first, each within its {@link Shutdown}, before it stops.
 */
final class SupervisorActor implements Actor<SupervisorCommand>, OrderedShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(SupervisorActor.class);
    private static final Object TIMER = "step-timer";

    /** A child as the supervisor tracks it. */
    enum State { NEW, STARTING, RUNNING, HALTING, HALTED, STOPPING, TERMINATED }

    /** How a child exited, in OTP's terms. */
    enum Exit { NORMAL, SHUTDOWN, ABNORMAL }

    static final class Child {
        /** The id: the spec's for static children, the generated actor name for dynamic ones. */
        String id;
        final ChildSpec spec;
        final ActorFactory<?> factory;
        final boolean dynamic;
        ActorRef<?> ref;
        State state = State.NEW;
        /** A queued group restart will take this child down and start it again. */
        boolean planned;
        /** The next ChildStarted is a restart. */
        boolean restarting;
        /** Terminated by command: queued restarts skip it. */
        boolean held;
        /** Removed from the supervisor once terminated (temporary, dynamic). */
        boolean removeOnTerminate;
        /** A dynamic start waiting for its ChildStarted. */
        CompletableFuture<ActorRef<?>> pendingReply;
        int backoffCount;
        long startedAt;

        Child(ChildSpec spec, ActorFactory<?> factory, boolean dynamic) {
            this.id = dynamic ? null : spec.id();
            this.spec = spec;
            this.factory = factory;
            this.dynamic = dynamic;
        }
    }

    private final ActorContext<SupervisorCommand> ctx;
    private final SupervisorSpec spec;
    private final EventBus events;
    private final String path;
    /** The children by id, in start order. */
    private final LinkedHashMap<String, Child> byId = new LinkedHashMap<>();
    /** Spawn options of dynamic children: anonymous, with lifecycle signals. */
    private final SpawnOptions dynamicOptions;
    private final Map<ActorRef<?>, Child> byRef = new HashMap<>();
    private final ArrayDeque<Long> restartTimes = new ArrayDeque<>();
    private final ArrayDeque<Step> steps = new ArrayDeque<>();
    private final SplittableRandom random = new SplittableRandom();
    private Step current;
    private boolean advancing;
    private boolean terminating;
    /** The initial children have started (or failed to); commands wait until then. */
    private boolean started;
    private final ArrayDeque<SupervisorCommand> early = new ArrayDeque<>();
    private long tokens;

    SupervisorActor(ActorContext<SupervisorCommand> ctx, SupervisorSpec spec, EventBus events,
            LiveSupervisors live) {
        this.ctx = ctx;
        this.spec = spec;
        this.events = events;
        live.started(ctx.system(), ctx.self(), spec);
        this.path = ctx.self().path();
        this.dynamicOptions = spec.template() == null ? null
                : spec.template().options().withName(null).withLifecycleSignals(true);
    }

    // ------------------------------------------------------------------ lifecycle

    @Override
    public void onStart() {
        for (ChildSpec cs : spec.children()) {
            Child c = add(new Child(cs, cs.factory(), false));
            steps.add(new StartStep(c, null, true, false));
        }
        steps.add(new RunStep(this::initialChildrenStarted));
        advance();
    }

    private void initialChildrenStarted() {
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
            advance();
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
        for (Step s : steps) {
            s.abandon();
        }
        if (current != null) {
            current.abandon();
        }
        for (Child c : byId.values()) {
            if (c.pendingReply != null) {
                c.pendingReply.completeExceptionally(new HyphaeException("supervisor " + path + " stopped"));
            }
        }
    }

    // ------------------------------------------------------------------ commands

    @Override
    public void receive(SupervisorCommand message) {
        if (message instanceof Command.Timeout t) {
            if (current != null && current.timeout(t.token())) {
                current = null;
                advance();
            }
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
            w.reply().complete(which());
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
            Child c = known(t.id(), t.reply());
            if (c != null) {
                c.held = true;
                if (c.dynamic || c.spec.restart() == RestartType.TEMPORARY) {
                    c.removeOnTerminate = true;
                }
                steps.add(new StopStep(c));
                steps.add(new RunStep(() -> t.reply().complete(null)));
            }
        } else if (command instanceof Command.RestartChild r) {
            Child c = known(r.id(), r.reply());
            if (c != null) {
                if (c.dynamic) {
                    r.reply().completeExceptionally(new IllegalStateException("dynamic child '" + r.id()
                            + "' cannot be restarted by command; start a new one"));
                } else if (c.state != State.TERMINATED) {
                    r.reply().completeExceptionally(new IllegalStateException("child '" + r.id() + "' is "
                            + c.state.name().toLowerCase() + ", not terminated"));
                } else {
                    c.held = false;
                    steps.add(new StartStep(c, r.reply(), false, true));
                }
            }
        } else if (command instanceof Command.DeleteChild d) {
            Child c = known(d.id(), d.reply());
            if (c != null) {
                if (c.state != State.TERMINATED) {
                    d.reply().completeExceptionally(new IllegalStateException("child '" + d.id() + "' is "
                            + c.state.name().toLowerCase() + "; terminate it first"));
                } else {
                    remove(c);
                    d.reply().complete(null);
                }
            }
        } else if (command instanceof Command.Shutdown s) {
            s.reply().complete(null);
            terminateAll(() -> ctx.stop(ctx.self()));
        }
        advance();
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
            Child c = new Child(spec.template(), s.factory() != null ? s.factory() : spec.template().factory(), true);
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
            if (byId.containsKey(cs.id())) {
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
        Child c = add(new Child(cs, cs.factory(), false));
        steps.add(new StartStep(c, s.reply(), false, false));
    }

    private Child known(String id, CompletableFuture<?> reply) {
        Child c = byId.get(id);
        if (c == null) {
            reply.completeExceptionally(new ActorNotFoundException("supervisor " + path + " has no child '" + id + "'"));
        }
        return c;
    }

    private List<ChildInfo> which() {
        List<ChildInfo> out = new ArrayList<>(byId.size());
        for (Child c : byId.values()) {
            ChildInfo.State s = switch (c.state) {
                case RUNNING -> ChildInfo.State.RUNNING;
                case TERMINATED -> ChildInfo.State.TERMINATED;
                default -> ChildInfo.State.RESTARTING;
            };
            out.add(new ChildInfo(c.id, s == ChildInfo.State.TERMINATED ? null : c.ref, s, c.spec.restart()));
        }
        return out;
    }

    // ------------------------------------------------------------------ signals

    @Override
    public void onSignal(Signal signal) {
        if (signal instanceof ChildStarted s) {
            Child c = byRef.get(s.ref());
            if (c != null && c.state == State.STARTING) {
                c.state = State.RUNNING;
                c.startedAt = System.nanoTime();
                boolean restarted = c.restarting;
                c.restarting = false;
                publish(restarted ? SupervisorEvent.Kind.CHILD_RESTARTED : SupervisorEvent.Kind.CHILD_STARTED, c, null);
                if (c.pendingReply != null) {
                    c.pendingReply.complete(c.ref);
                    c.pendingReply = null;
                }
                changed(c);
            }
        } else if (signal instanceof ChildHalted h) {
            Child c = byRef.get(h.ref());
            if (c != null && c.state == State.HALTING) {
                c.state = State.HALTED;
                changed(c);
            }
        } else if (signal instanceof Terminated t) {
            Child c = byRef.remove(t.ref());
            if (c == null || c.ref != t.ref()) {
                return;
            }
            State before = c.state;
            c.ref = null;
            c.state = State.TERMINATED;
            if (c.pendingReply != null) {
                c.pendingReply.completeExceptionally(new HyphaeException("child '" + c.id
                        + "' stopped before it started"));
                c.pendingReply = null;
            }
            if (before == State.STOPPING) {
                ended(c);
                changed(c);
            } else {
                // It ended by itself or something else stopped it.
                changed(c);
                if (!terminating) {
                    exit(c, t.reason() == ExitReason.NORMAL ? Exit.NORMAL : Exit.SHUTDOWN, null);
                }
            }
        }
        advance();
    }

    @Override
    public Directive onChildFailure(ActorRef<?> ref, Throwable cause) {
        Child c = byRef.get(ref);
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
                    c.state = State.STOPPING;
                    yield Directive.STOP;
                }
                if (c.planned) {
                    // A queued group restart covers it: take it down now, restart with the group.
                    c.state = State.HALTING;
                    yield Directive.HALT;
                }
                yield exit(c, Exit.ABNORMAL, cause);
            }
        };
        advance();
        return d;
    }

    private Directive startFailed(Child c, Throwable cause) {
        if (current instanceof StartStep st && st.child == c) {
            current = null;
            if (st.reply != null) {
                // A child whose start by command fails is not kept (OTP's start_child);
                // one that restartChild could not start keeps its spec (restart_child).
                st.reply.completeExceptionally(cause);
                c.removeOnTerminate = !st.keep;
                c.state = State.STOPPING;
                return Directive.STOP;
            }
            if (st.initial) {
                c.state = State.STOPPING;
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
            c.state = State.STOPPING;
            return Directive.STOP;
        }
        return exit(c, Exit.ABNORMAL, cause);
    }

    // ------------------------------------------------------------------ decisions

    /**
     * Decides what a child's exit leads to. For an abnormal exit the child is suspended
     * and the returned directive applies to it; otherwise it has already terminated.
     */
    private Directive exit(Child c, Exit kind, Throwable cause) {
        // A nested supervisor that gave up after too many restarts exits with shutdown, as
        // in OTP: a transient one is not restarted, a permanent one is.
        Exit asKind = kind == Exit.ABNORMAL && cause instanceof RestartIntensityExceededException
                ? Exit.SHUTDOWN : kind;
        boolean restart = switch (c.spec.restart()) {
            case PERMANENT -> true;
            case TRANSIENT -> asKind == Exit.ABNORMAL;
            case TEMPORARY -> false;
        };
        if (restart && kind == Exit.ABNORMAL && !c.spec.restartsOn(cause)) {
            restart = false;
        }
        if (!restart) {
            if (c.dynamic || c.spec.restart() == RestartType.TEMPORARY) {
                c.removeOnTerminate = true;
            }
            if (kind == Exit.ABNORMAL) {
                c.state = State.STOPPING; // ended() runs when it has terminated
            } else {
                ended(c);
            }
            autoShutdown(c);
            return Directive.STOP;
        }
        if (!addRestart()) {
            publish(SupervisorEvent.Kind.INTENSITY_EXCEEDED, null, cause);
            LOG.error("supervisor {}: more than {} restarts in {}; stopping all children and escalating", path,
                    spec.intensity(), spec.period());
            if (kind == Exit.ABNORMAL) {
                c.state = State.STOPPING;
            }
            RestartIntensityExceededException failure = new RestartIntensityExceededException("supervisor " + path
                    + " exceeded its restart intensity (" + spec.intensity() + " in " + spec.period() + ")", cause);
            terminateAll(() -> escalate(failure));
            return Directive.STOP;
        }
        Duration delay = backoff(c);
        List<Child> group = group(c);
        if (group.size() == 1 && delay == null && kind == Exit.ABNORMAL && current == null && steps.isEmpty()) {
            c.state = State.STARTING;
            c.restarting = true;
            LOG.debug("supervisor {}: restarting '{}'", path, c.id);
            return Directive.RESTART;
        }
        for (Child g : group) {
            g.planned = true;
        }
        if (kind == Exit.ABNORMAL) {
            c.state = State.HALTING; // the HALT directive takes it down
        }
        Throwable reason = cause != null ? cause : new HyphaeException("child '" + c.id + "' exited ("
                + kind.name().toLowerCase() + ")");
        // The child that exited goes down first (in OTP it is already dead), then the
        // rest of the group, newest first.
        steps.add(new HaltStep(c, reason));
        for (int i = group.size() - 1; i >= 0; i--) {
            Child g = group.get(i);
            if (g == c) {
                continue;
            }
            if (g.spec.restart() == RestartType.TEMPORARY) {
                g.removeOnTerminate = true;
                steps.add(new StopStep(g));
            } else {
                steps.add(new HaltStep(g, reason));
            }
        }
        if (delay != null) {
            steps.add(new DelayStep(delay));
        }
        for (Child g : group) {
            if (g == c || g.spec.restart() != RestartType.TEMPORARY) {
                steps.add(new RestartStep(g, reason));
            }
        }
        LOG.debug("supervisor {}: {} restart of {} children after '{}' exited", path, spec.strategy(), group.size(),
                c.id);
        return Directive.HALT;
    }

    /** The exited child and the others its restart takes along, in start order. */
    private List<Child> group(Child c) {
        if (spec.strategy() == Strategy.ONE_FOR_ONE || spec.strategy() == Strategy.DYNAMIC) {
            return List.of(c);
        }
        boolean all = spec.strategy() == Strategy.ONE_FOR_ALL;
        boolean in = all;
        List<Child> out = new ArrayList<>();
        for (Child g : byId.values()) {
            in |= g == c;
            // Children terminated for good (by command, or transient ones that ended) stay so.
            if (in && (g == c || g.state != State.TERMINATED)) {
                out.add(g);
            }
        }
        return out;
    }

    /** Records a restart; false if it exceeds the intensity. */
    private boolean addRestart() {
        long now = System.nanoTime();
        long period = nanos(spec.period());
        while (!restartTimes.isEmpty() && now - restartTimes.peekFirst() > period) {
            restartTimes.pollFirst();
        }
        restartTimes.addLast(now);
        return restartTimes.size() <= spec.intensity();
    }

    private Duration backoff(Child c) {
        if (spec.backoff() == null) {
            return null;
        }
        long now = System.nanoTime();
        if (c.startedAt != 0 && now - c.startedAt > nanos(spec.backoff().resetAfter())) {
            c.backoffCount = 0;
        }
        if (c.backoffCount < Integer.MAX_VALUE) {
            c.backoffCount++;
        }
        Duration base = spec.backoff().delay(c.backoffCount);
        double stretch = 1 + random.nextDouble() * spec.backoff().randomFactor();
        // A double beyond the long range converts to Long.MAX_VALUE: saturates, never overflows.
        return Duration.ofNanos((long) (nanos(base) * stretch));
    }

    /** Nanoseconds of a duration, saturated at about 292 years: a longer wait is "never". */
    private static long nanos(Duration d) {
        return d.compareTo(MAX_NANOS) >= 0 ? Long.MAX_VALUE : d.toNanos();
    }

    private static final Duration MAX_NANOS = Duration.ofNanos(Long.MAX_VALUE);

    /** A child has ended for good: publish, forget if it should be forgotten. */
    private void ended(Child c) {
        c.state = State.TERMINATED;
        publish(SupervisorEvent.Kind.CHILD_STOPPED, c, null);
        if (c.removeOnTerminate) {
            remove(c);
        }
    }

    private void autoShutdown(Child c) {
        if (!c.spec.significant() || spec.autoShutdown() == AutoShutdown.NEVER || terminating) {
            return;
        }
        if (spec.autoShutdown() == AutoShutdown.ALL_SIGNIFICANT) {
            for (Child g : byId.values()) {
                if (g != c && g.spec.significant() && g.state != State.TERMINATED && g.state != State.STOPPING) {
                    return;
                }
            }
        }
        publish(SupervisorEvent.Kind.AUTO_SHUTDOWN, c, null);
        LOG.info("supervisor {}: significant child '{}' ended; shutting down", path, c.id);
        terminateAll(() -> ctx.stop(ctx.self()));
    }

    /** Drops queued work and stops every child newest first, then runs {@code last}. */
    private void terminateAll(Runnable last) {
        terminating = true;
        if (!started) {
            initialChildrenStarted(); // commands that waited now fail: shutting down
        }
        Step was = current;
        current = null;
        if (was != null) {
            was.abandon();
        }
        for (Step s : steps) {
            s.abandon();
        }
        steps.clear();
        List<Child> all = new ArrayList<>(byId.values());
        for (int i = all.size() - 1; i >= 0; i--) {
            Child c = all.get(i);
            c.held = true;
            if (c.state != State.TERMINATED) {
                steps.add(new StopStep(c));
            }
        }
        steps.add(new RunStep(last));
    }

    private void escalate(HyphaeException failure) {
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

    // ------------------------------------------------------------------ steps

    private void advance() {
        if (advancing) {
            return;
        }
        advancing = true;
        try {
            while (current == null && !steps.isEmpty()) {
                Step s = steps.poll();
                current = s;
                if (s.begin() && current == s) {
                    current = null;
                }
            }
        } finally {
            advancing = false;
        }
    }

    /** Tells the waiting step that a child changed state. */
    private void changed(Child c) {
        if (current != null && current.changed(c)) {
            current = null;
        }
    }

    private long startTimer(Duration d) {
        long token = ++tokens;
        ctx.timers().startSingleTimer(TIMER, new Command.Timeout(token), d);
        return token;
    }

    private void cancelTimer() {
        ctx.timers().cancel(TIMER);
    }

    /** One unit of work on children; run to completion before the next starts. */
    private abstract static class Step {
        /** Starts the step; true if it is done already. */
        abstract boolean begin();

        /** A child changed state; true if that completes the step. */
        boolean changed(Child c) {
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

    private final class StartStep extends Step {
        final Child child;
        final CompletableFuture<ActorRef<?>> reply;
        final boolean initial;
        /** A restart by command: the spec stays whether or not the start succeeds. */
        final boolean keep;

        StartStep(Child child, CompletableFuture<ActorRef<?>> reply, boolean initial, boolean keep) {
            this.child = child;
            this.reply = reply;
            this.initial = initial;
            this.keep = keep;
        }

        @Override
        boolean begin() {
            if (byId.get(child.id) != child) {
                abandon();
                return true;
            }
            if (child.state == State.RUNNING) {
                if (reply != null) {
                    reply.complete(child.ref);
                }
                return true;
            }
            spawn(child);
            return child.state != State.STARTING;
        }

        @Override
        boolean changed(Child c) {
            if (c != child) {
                return false;
            }
            if (c.state == State.RUNNING && reply != null) {
                reply.complete(c.ref);
            }
            return c.state != State.STARTING;
        }

        @Override
        void abandon() {
            if (reply != null) {
                reply.completeExceptionally(new IllegalStateException("supervisor " + path
                        + " dropped the start of '" + child.id + "'"));
            }
        }
    }

    /** Starts a child that a group restart took down (or that exited and is dead). */
    private final class RestartStep extends Step {
        final Child child;
        final Throwable cause;

        RestartStep(Child child, Throwable cause) {
            this.child = child;
            this.cause = cause;
        }

        @Override
        boolean begin() {
            child.planned = false;
            if (child.held || byId.get(child.id) != child) {
                return true;
            }
            child.restarting = true;
            if (child.state == State.HALTED || child.state == State.HALTING) {
                child.state = State.STARTING;
                ctx.restart(child.ref, cause);
                return false;
            }
            if (child.state == State.TERMINATED) {
                spawn(child);
                return child.state != State.STARTING;
            }
            return true; // already running again
        }

        @Override
        boolean changed(Child c) {
            return c == child && c.state != State.STARTING;
        }
    }

    /** Takes a child down for a group restart, honouring its shutdown. */
    private final class HaltStep extends Step {
        final Child child;
        final Throwable cause;
        long token;

        HaltStep(Child child, Throwable cause) {
            this.child = child;
            this.cause = cause;
        }

        @Override
        boolean begin() {
            Shutdown sd = child.spec.shutdown();
            if (child.state == State.RUNNING || child.state == State.STARTING) {
                boolean graceful = sd.kind() != Shutdown.Kind.BRUTAL;
                ctx.halt(child.ref, cause, graceful);
                if (!graceful) {
                    child.state = State.HALTED; // the runtime orders the restart after the halt
                    return true;
                }
                child.state = State.HALTING;
            } else if (child.state != State.HALTING) {
                return true; // halted, terminated, stopping or never started
            } else if (sd.kind() == Shutdown.Kind.BRUTAL) {
                ctx.halt(child.ref, cause, false);
                child.state = State.HALTED;
                return true;
            }
            if (sd.kind() == Shutdown.Kind.TIMEOUT) {
                token = startTimer(sd.timeout());
            }
            return false;
        }

        @Override
        boolean changed(Child c) {
            if (c == child && c.state != State.HALTING) {
                cancelTimer();
                return true;
            }
            return false;
        }

        @Override
        boolean timeout(long t) {
            if (t != token) {
                return false;
            }
            publish(SupervisorEvent.Kind.SHUTDOWN_TIMED_OUT, child, null);
            LOG.warn("supervisor {}: '{}' did not halt within {}; moving on", path, child.id,
                    child.spec.shutdown().timeout());
            ctx.halt(child.ref, cause, false);
            child.state = State.HALTED;
            return true;
        }
    }

    /** Stops a child for good, honouring its shutdown. */
    private final class StopStep extends Step {
        final Child child;
        long token;

        StopStep(Child child) {
            this.child = child;
        }

        @Override
        boolean begin() {
            if (child.state == State.TERMINATED || child.ref == null) {
                if (child.state != State.TERMINATED) {
                    ended(child);
                }
                return true;
            }
            Shutdown sd = child.spec.shutdown();
            if (sd.kind() == Shutdown.Kind.BRUTAL) {
                ctx.kill(child.ref);
                byRef.remove(child.ref);
                child.ref = null;
                ended(child);
                return true;
            }
            if (child.state != State.STOPPING) {
                child.state = State.STOPPING;
                ctx.stop(child.ref);
            }
            if (sd.kind() == Shutdown.Kind.TIMEOUT) {
                token = startTimer(sd.timeout());
            }
            return false;
        }

        @Override
        boolean changed(Child c) {
            if (c == child && c.state == State.TERMINATED) {
                cancelTimer();
                return true;
            }
            return false;
        }

        @Override
        boolean timeout(long t) {
            if (t != token) {
                return false;
            }
            publish(SupervisorEvent.Kind.SHUTDOWN_TIMED_OUT, child, null);
            LOG.warn("supervisor {}: '{}' did not stop within {}; killing it", path, child.id,
                    child.spec.shutdown().timeout());
            ctx.kill(child.ref);
            byRef.remove(child.ref);
            child.ref = null;
            ended(child);
            return true;
        }
    }

    private final class DelayStep extends Step {
        final Duration delay;
        long token;

        DelayStep(Duration delay) {
            this.delay = delay;
        }

        @Override
        boolean begin() {
            token = startTimer(delay);
            return false;
        }

        @Override
        boolean timeout(long t) {
            return t == token;
        }
    }

    private static final class RunStep extends Step {
        final Runnable action;

        RunStep(Runnable action) {
            this.action = action;
        }

        @Override
        boolean begin() {
            action.run();
            return true;
        }
    }

    // ------------------------------------------------------------------ children

    private Child add(Child c) {
        byId.put(c.id, c);
        return c;
    }

    private void remove(Child c) {
        if (c.id != null) {
            byId.remove(c.id, c);
        }
        if (c.ref != null) {
            byRef.remove(c.ref);
        }
    }

    /** Spawns a fresh cell for a child with no live one; leaves it STARTING, or handles the failure. */
    private void spawn(Child c) {
        try {
            c.ref = spawn(c.factory, c.dynamic ? dynamicOptions
                    : c.spec.options().withName(c.id).withLifecycleSignals(true));
        } catch (RuntimeException e) {
            LOG.error("supervisor {} could not spawn child '{}'", path, c.id, e);
            publish(SupervisorEvent.Kind.CHILD_FAILED, c, e);
            c.state = State.TERMINATED;
            if (c.pendingReply != null) {
                c.pendingReply.completeExceptionally(e);
                c.pendingReply = null;
            }
            if (current instanceof StartStep st && st.child == c && st.reply != null) {
                st.reply.completeExceptionally(e);
                if (st.keep) {
                    return; // restartChild failed: the child stays, terminated, to be tried again
                }
            }
            remove(c);
            return;
        }
        c.state = State.STARTING;
        byRef.put(c.ref, c);
        if (c.dynamic && c.id == null) {
            c.id = c.ref.name();
            add(c);
        }
    }

    private <C> ActorRef<C> spawn(ActorFactory<C> factory, SpawnOptions options) {
        return ctx.spawn(factory, options);
    }

    private void publish(SupervisorEvent.Kind kind, Child c, Throwable cause) {
        events.publish(new SupervisorEvent(kind, path, c == null ? null : c.id, c == null ? null : c.ref,
                cause));
    }
}
