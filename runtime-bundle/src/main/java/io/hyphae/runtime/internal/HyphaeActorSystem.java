package io.hyphae.runtime.internal;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorMetrics;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.DuplicateActorNameException;
import io.hyphae.api.ExitReason;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Subscription;
import io.hyphae.api.SystemMetrics;
import io.hyphae.api.Upgrade;
import io.hyphae.api.SystemTerminatedException;
import io.hyphae.api.shutdown.CoordinatedShutdown;
import io.hyphae.api.shutdown.ShutdownPhase;
import io.hyphae.api.shutdown.ShutdownReason;
import io.hyphae.api.shutdown.ShutdownSettings;
import io.hyphae.api.receptionist.Receptionist;
import io.hyphae.api.dispatch.DispatcherFactory;
import io.hyphae.api.dispatch.DispatcherSettings;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.time.ActorClock;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.spi.RemoteRef;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actor system: ties together the dispatcher, the timer thread, the registry of named
 * actors, the {@link Guardian} of the top level, {@link DeadLetters}, {@link Asks}, the
 * {@link MailboxRegistry} and the {@link RuntimeCounters}, and implements the public
 * {@code ActorSystem} plus {@link RuntimeAdmin} on them.
 */
final class HyphaeActorSystem implements RuntimeAdmin {

    private static final Logger LOG = LoggerFactory.getLogger(HyphaeActorSystem.class);
    /** How long removing a mailbox factory waits for live actors to move off it. */
    private static final long MOVE_OFF_TIMEOUT_SECONDS = 30;

    private final ActorSystemConfig config;
    /** The settings last applied by {@link #reconfigure}, to log what a change changes. */
    private ActorSystemConfig applied;
    private final Object reconfiguring = new Object();
    final DispatcherRegistry dispatchers;
    final SystemClock clock;
    final MailboxRegistry mailboxes;
    final Guardian guardian = new Guardian(() -> shutdown().actorsGone.complete(null));
    private final Reception reception = new Reception(this);
    final DeadLetters deadLetters;
    final RuntimeCounters counters = new RuntimeCounters();
    final Upgrades upgrades = new Upgrades();
    private final ConcurrentHashMap<String, ActorCell<?>> named = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    private final Asks asks = new Asks(this);
    private volatile int defaultThroughput;
    private final PhasedShutdown shutdown;

    HyphaeActorSystem(ActorSystemConfig config, List<MailboxFactory> mailboxFactories,
            List<DispatcherFactory> dispatcherFactories, ActorClock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.applied = config;
        this.defaultThroughput = config.throughput();
        this.mailboxes = new MailboxRegistry(config.mailboxFactory(), mailboxFactories);
        String n = config.name();
        this.clock = clock == null ? SystemClock.jdk(n) : SystemClock.wrapping(clock);
        this.deadLetters = new DeadLetters(this.clock);
        this.dispatchers = new DispatcherRegistry(new DispatcherSettings(n, config.dispatcherThreads(),
                config.spinMicros()), config.dispatcher(), dispatcherFactories);
        this.shutdown = new PhasedShutdown(this, config.shutdown());
        LOG.info("actor system '{}' started: {} dispatcher threads, throughput {}, mailbox factories {}, "
                + "dispatchers {} (default '{}')", n, config.dispatcherThreads(), config.throughput(),
                mailboxes.names(), dispatchers.names(), dispatchers.defaultName());
    }

    @Override
    public String name() {
        return config.name();
    }

    @Override
    public <M> CompletionStage<Upgrade> upgrade(ActorRef<M> actor, ActorFactory<M> factory, String version) {
        ActorCell<?> cell = cellOf(actor);
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(version, "version");
        if (version.isBlank()) {
            throw new IllegalArgumentException("an upgrade needs a version name");
        }
        CompletableFuture<Upgrade> done = new CompletableFuture<>();
        if (guardian.isTerminating()) {
            done.completeExceptionally(terminatedError("it upgrades no more actors"));
            return done;
        }
        cell.sendSystem(new SystemMessage.Upgrade(factory, version, done));
        return done;
    }

    @Override
    public ActorClock clock() {
        return clock;
    }

    @Override
    public Receptionist receptionist() {
        return reception;
    }

    /** How long an idle thread spins before it parks. */
    long spinNanos() {
        return TimeUnit.MICROSECONDS.toNanos(config.spinMicros());
    }

    // ------------------------------------------------------------------ mailboxes and settings

    @Override
    public void addMailboxFactory(MailboxFactory factory) {
        mailboxes.add(Objects.requireNonNull(factory, "factory"));
        mailboxes.reselectAll(guardian.topLevel());
    }

    @Override
    public void removeMailboxFactory(MailboxFactory factory) {
        mailboxes.remove(factory);
        CompletableFuture<Integer> moved = mailboxes.reselectAll(guardian.topLevel());
        if (isTurnThread()) {
            return;
        }
        try {
            int n = moved.get(MOVE_OFF_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            LOG.info("mailbox factory '{}' removed: {} actors moved to other mailboxes", factory.name(), n);
        } catch (TimeoutException e) {
            LOG.warn("mailbox factory '{}' removed, but not every actor moved off it within {} s (an actor busy "
                    + "with one message holds its move back); they move when their turn comes", factory.name(),
                    MOVE_OFF_TIMEOUT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            LOG.warn("moving actors off mailbox factory '{}' failed", factory.name(), e.getCause());
        }
    }

    /** Whether this thread may be running a turn: then it must not wait for other turns. */
    private static boolean isTurnThread() {
        Thread t = Thread.currentThread();
        return t.isDaemon() && t.getName().startsWith("hyphae-");
    }

    // ------------------------------------------------------------------ dispatchers

    @Override
    public void addDispatcherFactory(DispatcherFactory factory) {
        dispatchers.add(Objects.requireNonNull(factory, "factory"));
    }

    @Override
    public void removeDispatcherFactory(DispatcherFactory factory) {
        DispatcherHandle retired = dispatchers.remove(Objects.requireNonNull(factory, "factory"));
        if (retired == null || isTurnThread()) {
            return;
        }
        try {
            if (!retired.awaitTermination(Duration.ofSeconds(MOVE_OFF_TIMEOUT_SECONDS))) {
                LOG.warn("dispatcher '{}' removed, but its threads were still running turns after {} s",
                        factory.name(), MOVE_OFF_TIMEOUT_SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public List<DispatcherInfo> dispatcherInfo() {
        return dispatchers.list();
    }

    @Override
    public List<String> dispatchers() {
        return dispatchers.names();
    }

    @Override
    public String defaultDispatcher() {
        return dispatchers.defaultName();
    }

    @Override
    public void useDispatcher(String name) {
        dispatchers.useDefault(Objects.requireNonNull(name, "name"));
    }

    @Override
    public List<MailboxFactory> availableMailboxFactories() {
        return mailboxes.all();
    }

    @Override
    public int defaultThroughput() {
        return defaultThroughput;
    }

    @Override
    public long mailboxMoves() {
        return counters.mailboxMoves();
    }

    @Override
    public long mailboxRescues() {
        return counters.mailboxRescues();
    }

    @Override
    public CompletionStage<Integer> swapMailboxes(String factoryName) {
        MailboxFactory f = mailboxes.named(factoryName);
        mailboxes.prefer(f.name());
        return mailboxes.reselectAll(guardian.topLevel());
    }

    @Override
    public CompletionStage<Boolean> swapMailbox(ActorRef<?> actor, String factoryName) {
        return mailboxes.swap(cellOf(actor), factoryName);
    }

    @Override
    public void reconfigure(ActorSystemConfig newConfig) {
        List<String> changes;
        synchronized (reconfiguring) {
            changes = changes(applied, newConfig);
            applied = newConfig;
        }
        if (!changes.isEmpty()) {
            LOG.info("actor system '{}' configuration changed: {}", name(), String.join(", ", changes));
        }
        defaultThroughput = newConfig.throughput();
        String before = mailboxes.preferredName();
        mailboxes.prefer(newConfig.mailboxFactory());
        if (!before.equals(mailboxes.preferredName())) {
            mailboxes.reselectAll(guardian.topLevel());
        }
        dispatchers.configure(newConfig.dispatcher());
        shutdown.configure(newConfig.shutdown());
        if (newConfig.dispatcherThreads() != config.dispatcherThreads()
                || newConfig.spinMicros() != config.spinMicros() || !newConfig.name().equals(config.name())) {
            LOG.warn("actor system '{}': name, dispatcher.threads and dispatcher.spinMicros apply at the next start",
                    name());
        }
    }

    /** Each setting that differs, as {@code key: before -> after}. */
    static List<String> changes(ActorSystemConfig a, ActorSystemConfig b) {
        List<String> out = new ArrayList<>();
        change(out, ActorSystemConfig.NAME, a.name(), b.name());
        change(out, ActorSystemConfig.DISPATCHER_THREADS, a.dispatcherThreads(), b.dispatcherThreads());
        change(out, ActorSystemConfig.DISPATCHER_THROUGHPUT, a.throughput(), b.throughput());
        change(out, ActorSystemConfig.DISPATCHER_SPIN_MICROS, a.spinMicros(), b.spinMicros());
        change(out, ActorSystemConfig.MAILBOX_FACTORY, a.mailboxFactory(), b.mailboxFactory());
        change(out, ActorSystemConfig.DISPATCHER_DEFAULT, a.dispatcher(), b.dispatcher());
        for (ShutdownPhase p : ShutdownPhase.values()) {
            change(out, p.timeoutKey(), a.shutdown().timeout(p).toMillis(), b.shutdown().timeout(p).toMillis());
        }
        change(out, ShutdownSettings.JVM_HOOK, a.shutdown().jvmHook(), b.shutdown().jvmHook());
        return out;
    }

    private static void change(List<String> out, String key, Object before, Object after) {
        if (!Objects.equals(before, after)) {
            out.add(key + ": " + show(before) + " -> " + show(after));
        }
    }

    private static String show(Object v) {
        return v instanceof String str && str.isEmpty() ? "(best ranked)" : String.valueOf(v);
    }

    // ------------------------------------------------------------------ spawning

    @Override
    public <M> ActorRef<M> spawn(ActorFactory<M> factory, String name) {
        return spawn(factory, SpawnOptions.named(Objects.requireNonNull(name, "name")));
    }

    @Override
    public <M> ActorRef<M> spawnAnonymous(ActorFactory<M> factory) {
        return spawn(factory, SpawnOptions.defaults());
    }

    @Override
    public <M> ActorRef<M> spawn(ActorFactory<M> factory, SpawnOptions options) {
        Objects.requireNonNull(factory, "factory");
        Objects.requireNonNull(options, "options");
        if (guardian.isTerminating()) {
            throw terminatedError();
        }
        int epoch = mailboxes.epoch();
        ActorCell<M> cell = newCell(null, factory, options);
        if (!guardian.adopt(cell)) {
            releaseName(cell);
            throw terminatedError();
        }
        cell.sendSystem(new SystemMessage.Create());
        mailboxes.missedWalk(cell, epoch);
        return cell;
    }

    private SystemTerminatedException terminatedError() {
        return terminatedError("it spawns no more actors");
    }

    SystemTerminatedException terminatedError(String what) {
        return new SystemTerminatedException("actor system '" + name() + "' is terminating; " + what);
    }

    <M> ActorCell<M> newCell(ActorCell<?> parent, ActorFactory<M> factory, SpawnOptions options) {
        String name = options.name();
        if (name != null) {
            SpawnOptions.checkName(name);
        }
        int throughput = options.throughput() == 0 ? defaultThroughput : options.throughput();
        MailboxSpec spec = Envelope.envelopesFirst(options.mailbox());
        MailboxFactory mf = mailboxes.select(spec, options.mailboxFactory());
        MailboxQueue<Object> q = mf.create(spec);
        ActorCell<M> cell = new ActorCell<>(this, parent, name, ids.incrementAndGet(), factory,
                spec, throughput, dispatchers.binding(options.dispatcher()), q, mf,
                options.mailboxFactory(),
                parent != null && options.lifecycleSignals(), options.failureLogging());
        if (name != null && named.putIfAbsent(cell.path(), cell) != null) {
            throw new DuplicateActorNameException("an actor named '" + cell.path() + "' is already alive in system '"
                    + name() + "'; choose another name or stop that actor first");
        }
        counters.spawned();
        return cell;
    }

    /** Frees a cell's name: when it terminates, or earlier when its parent kills and forgets it. */
    void releaseName(ActorCell<?> cell) {
        if (cell.isNamed()) {
            named.remove(cell.path(), cell);
        }
    }

    /** A cell finished terminating; called on its last turn. */
    void cellTerminated(ActorCell<?> cell) {
        releaseName(cell);
        deadLetters.forget(cell);
        counters.stopped();
    }

    // ------------------------------------------------------------------ lookup and control

    @Override
    public void stop(ActorRef<?> actor) {
        cellOf(actor).sendSystem(new SystemMessage.Stop(ExitReason.SHUTDOWN));
    }

    ActorCell<?> cellOf(ActorRef<?> actor) {
        Objects.requireNonNull(actor, "actor");
        if (actor instanceof ActorCell<?> c && c.system == this) {
            return c;
        }
        throw new IllegalArgumentException(actor + " is not an actor of system '" + name() + "'");
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M> Optional<ActorRef<M>> find(String path) {
        Objects.requireNonNull(path, "path");
        ActorCell<?> c = named.get(path);
        return c == null || c.isDead() ? Optional.empty() : Optional.of((ActorRef<M>) c);
    }

    @Override
    public <Q, R> CompletionStage<R> ask(ActorRef<Q> target, Function<ActorRef<R>, Q> request, Duration timeout) {
        return asks.ask(target, request, timeout);
    }

    @Override
    public CompletionStage<Void> whenTerminated(ActorRef<?> actor) {
        if (actor instanceof RemoteRef<?> remote) {
            return new RemoteTermination(remote);
        }
        ActorCell<?> cell = cellOf(actor);
        CompletableFuture<Void> f = new TerminationFuture(cell);
        cell.sendSystem(new SystemMessage.Watch(null, f));
        return f;
    }

    /** A stage of {@link #whenTerminated}: cancelling it removes it from the actor. */
    private static final class TerminationFuture extends CompletableFuture<Void> {
        private final ActorCell<?> cell;

        TerminationFuture(ActorCell<?> cell) {
            this.cell = cell;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            boolean cancelled = super.cancel(mayInterruptIfRunning);
            if (cancelled) {
                cell.sendSystem(new SystemMessage.Unwatch(this));
            }
            return cancelled;
        }
    }

    // ------------------------------------------------------------------ dead letters

    @Override
    public void deadLetter(Object message, ActorRef<?> recipient, DeadLetter.Reason reason) {
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(reason, "reason");
        deadLetters.post(message, recipient, reason);
    }

    @Override
    public Subscription subscribeDeadLetters(ActorRef<DeadLetter> subscriber) {
        return deadLetters.subscribe(cellOf(subscriber));
    }

    @Override
    public List<UpgradeRecord> recentUpgrades() {
        return upgrades.recent();
    }

    @Override
    public long upgradesTotal() {
        return upgrades.total();
    }

    @Override
    public List<RecentDeadLetter> recentDeadLetters() {
        return deadLetters.recent();
    }

    @Override
    public Map<DeadLetter.Reason, Long> deadLettersByReason() {
        return deadLetters.countsByReason();
    }

    // ------------------------------------------------------------------ inspection and metrics

    @Override
    public List<ActorSnapshot> inspect(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        Walk walk = new Walk();
        ConcurrentLinkedQueue<ActorSnapshot> out = new ConcurrentLinkedQueue<>();
        for (ActorCell<?> c : guardian.topLevel()) {
            walk.enter();
            c.sendSystem(new SystemMessage.Inspect(walk, out, 0));
        }
        walk.leave(false);
        try {
            walk.done.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.debug("inspection of '{}' incomplete after {}", name(), timeout);
        }
        List<ActorSnapshot> list = new ArrayList<>(out);
        list.sort(Comparator.comparing(a -> a.path().replace('/', '\0')));
        return list;
    }

    @Override
    public SystemMetrics metrics() {
        return new SystemMetrics(name(), config.dispatcherThreads(), counters.live(), counters.spawnedTotal(),
                dispatchers.processed(), deadLetters.count(), counters.failures(), counters.restarts(),
                mailboxes.preferredName());
    }

    @Override
    public int depth(ActorRef<?> actor) {
        ActorCell<?> c = cellOf(actor);
        return c.isDead() ? Integer.MAX_VALUE : c.depth();
    }

    @Override
    public Optional<ActorMetrics> metrics(ActorRef<?> actor) {
        ActorCell<?> c = cellOf(actor);
        return c.isDead() ? Optional.empty() : Optional.of(c.metrics());
    }

    // ------------------------------------------------------------------ termination

    @Override
    public CompletionStage<Void> whenSystemTerminated() {
        return terminated.minimalCompletionStage();
    }

    @Override
    public CompletionStage<Void> terminate() {
        shutdown.run(ShutdownReason.SYSTEM_TERMINATE);
        return terminated.minimalCompletionStage();
    }

    @Override
    public CoordinatedShutdown coordinatedShutdown() {
        return shutdown;
    }

    PhasedShutdown shutdown() {
        return shutdown;
    }

    /**
     * The shutdown's last step: fails the open asks, cancels the timers and ends the
     * dispatcher threads; on the shutdown's thread.
     *
     * @return whether every thread ended within the timeout
     */
    boolean closeThreads(Duration timeout) {
        long deadline = System.nanoTime() + Durations.nanos(timeout);
        clock.shutdown();
        asks.failOpen();
        List<DispatcherHandle> all = dispatchers.shutdownAll();
        try {
            clock.awaitShutdown(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            return DispatcherRegistry.awaitAll(all, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** The coordinated shutdown ended: the system has terminated. */
    void terminationEnded() {
        LOG.info("actor system '{}' terminated", name());
        terminated.complete(null);
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        try {
            long nanos = Durations.nanos(Objects.requireNonNull(timeout, "timeout"));
            terminated.get(nanos, TimeUnit.NANOSECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    @Override
    public String toString() {
        return "ActorSystem[" + name() + "]";
    }
}
