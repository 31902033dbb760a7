package io.hyphae.runtime.internal;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorMetrics;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.Directive;
import io.hyphae.api.ExitReason;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.DuplicateActorNameException;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Subscription;
import io.hyphae.api.SystemMetrics;
import io.hyphae.api.SystemTerminatedException;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The actor system: owns the dispatcher, the timer thread, the name registry, the
 * top-level actors (the "guardian") and dead letters.
 */
public final class HyphaeActorSystem implements ActorSystem {

    private static final Logger LOG = LoggerFactory.getLogger(HyphaeActorSystem.class);
    private static final int DEAD_LETTERS_LOGGED_AT_INFO = 10;
    private static final int RECENT_DEAD_LETTERS = 32;
    /** How long removing a mailbox factory waits for live actors to move off it. */
    private static final long MOVE_OFF_TIMEOUT_SECONDS = 30;

    private final ActorSystemConfig config;
    final Dispatcher dispatcher;
    private final ScheduledThreadPoolExecutor timer;
    private final MailboxFactories mailboxes;
    private final ConcurrentHashMap<String, ActorCell<?>> registry = new ConcurrentHashMap<>();
    private final Object guardianLock = new Object();
    private final SiblingList topLevel = new SiblingList();
    private final AtomicLong ids = new AtomicLong();
    private final CopyOnWriteArrayList<ActorCell<?>> deadLetterSubscribers = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();
    /** Asks not yet answered; failed when the system terminates, since their timeouts never fire then. */
    private final java.util.Set<PromiseRef<?>> openAsks = ConcurrentHashMap.newKeySet();
    private volatile int defaultThroughput;
    private volatile boolean terminating;

    final LongAdder deadLetters = new LongAdder();
    final LongAdder failures = new LongAdder();
    final LongAdder restarts = new LongAdder();
    private final LongAdder spawned = new LongAdder();
    private final LongAdder stopped = new LongAdder();
    private final LongAdder mailboxMoves = new LongAdder();
    private final LongAdder mailboxRescues = new LongAdder();
    /** The last dead letters, for the shell; written on the dead-letter path only. */
    private final AtomicReferenceArray<RecentDeadLetter> recentDeadLetters =
            new AtomicReferenceArray<>(RECENT_DEAD_LETTERS);
    private final AtomicLong recentDeadLetterCount = new AtomicLong();
    /** Bumped before each system-wide reselection; spawns compare it (see spawn). */
    private final java.util.concurrent.atomic.AtomicInteger mailboxEpoch = new java.util.concurrent.atomic.AtomicInteger();

    /**
     * Starts a system.
     *
     * @param config the settings
     * @param mailboxFactories plug-in factories besides the built-in one
     */
    public HyphaeActorSystem(ActorSystemConfig config, List<MailboxFactory> mailboxFactories) {
        this.config = Objects.requireNonNull(config, "config");
        this.defaultThroughput = config.throughput();
        this.mailboxes = new MailboxFactories(config.mailboxFactory(), mailboxFactories);
        String n = config.name();
        this.timer = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "hyphae-" + n + "-timer");
            t.setDaemon(true);
            return t;
        });
        timer.setRemoveOnCancelPolicy(true);
        timer.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        timer.setContinueExistingPeriodicTasksAfterShutdownPolicy(false);
        this.dispatcher = new Dispatcher(n, config.dispatcherThreads(),
                TimeUnit.MICROSECONDS.toNanos(config.spinMicros()), this::threadsEnded);
        LOG.info("actor system '{}' started: {} dispatcher threads, throughput {}, mailbox factories {}",
                n, config.dispatcherThreads(), config.throughput(), mailboxes.names());
    }

    @Override
    public String name() {
        return config.name();
    }

    long spinNanos() {
        return TimeUnit.MICROSECONDS.toNanos(config.spinMicros());
    }

    ScheduledThreadPoolExecutor timer() {
        return timer;
    }

    /**
     * Adds a mailbox factory. New actors may use it at once; live actors that should now
     * use it move to it in the background.
     */
    public void addMailboxFactory(MailboxFactory factory) {
        mailboxes.add(Objects.requireNonNull(factory, "factory"));
        reselectAll();
    }

    /**
     * Removes a mailbox factory and moves every live actor off it, waiting (up to
     * {@value #MOVE_OFF_TIMEOUT_SECONDS} s) until they have moved, so its queues can go.
     * Does not wait when called on a dispatcher thread, which the moves may need.
     */
    public void removeMailboxFactory(MailboxFactory factory) {
        mailboxes.remove(factory);
        CompletableFuture<Integer> moved = reselectAll();
        if (dispatcher.isDispatcherThread()) {
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

    MailboxFactories mailboxFactories() {
        return mailboxes;
    }

    /**
     * The mailbox factories this system can use, the built-in one first.
     *
     * @return the factories
     */
    public List<MailboxFactory> availableMailboxFactories() {
        return mailboxes.all();
    }

    /**
     * The messages per turn an actor gets unless it asked for another number.
     *
     * @return the default throughput
     */
    public int defaultThroughput() {
        return defaultThroughput;
    }

    void mailboxMoved() {
        mailboxMoves.increment();
    }

    /** Mailboxes replaced since start. */
    public long mailboxMoves() {
        return mailboxMoves.sum();
    }

    void mailboxRescued() {
        mailboxRescues.increment();
    }

    /**
     * Offers that raced with a mailbox move and were rescued by their producer from the
     * replaced queue, since start.
     */
    public long mailboxRescues() {
        return mailboxRescues.sum();
    }

    /**
     * Visits every live actor, on its own turn, and moves it to the factory it should use
     * now. Completes with the number moved.
     */
    private CompletableFuture<Integer> reselectAll() {
        mailboxEpoch.incrementAndGet();
        SystemMessage.Walk walk = new SystemMessage.Walk();
        List<ActorCell<?>> cells;
        synchronized (guardianLock) {
            cells = topLevel.snapshot();
        }
        for (ActorCell<?> c : cells) {
            walk.enter();
            c.sendSystem(new SystemMessage.Reselect(walk, null, null));
        }
        walk.leave(false);
        return walk.done;
    }

    @Override
    public CompletionStage<Integer> swapMailboxes(String factoryName) {
        MailboxFactory f = mailboxes.named(factoryName);
        mailboxes.prefer(f.name());
        return reselectAll();
    }

    @Override
    public CompletionStage<Boolean> swapMailbox(ActorRef<?> actor, String factoryName) {
        ActorCell<?> cell = cellOf(actor);
        MailboxFactory f = mailboxes.named(factoryName);
        if (!f.supports(cell.spec)) {
            throw new InvalidConfigurationException("mailbox factory '" + factoryName + "' cannot make " + cell.spec
                    + " for " + cell.path() + "; its capabilities are " + f.capabilities());
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        cell.sendSystem(new SystemMessage.Reselect(null, f, done));
        return done;
    }

    /** Applies the settings that can change while running: throughput and preferred mailbox. */
    public void reconfigure(ActorSystemConfig newConfig) {
        defaultThroughput = newConfig.throughput();
        String before = mailboxes.preferredName();
        mailboxes.prefer(newConfig.mailboxFactory());
        if (!before.equals(mailboxes.preferredName())) {
            reselectAll();
        }
        if (newConfig.dispatcherThreads() != config.dispatcherThreads()
                || newConfig.spinMicros() != config.spinMicros() || !newConfig.name().equals(config.name())) {
            LOG.warn("actor system '{}': name, dispatcher.threads and dispatcher.spinMicros apply at the next start",
                    name());
        }
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
        if (terminating) {
            throw terminatedError();
        }
        int epoch = mailboxEpoch.get();
        ActorCell<M> cell = newCell(null, factory, options);
        synchronized (guardianLock) {
            if (terminating) {
                unregister(cell);
                throw terminatedError();
            }
            topLevel.add(cell);
        }
        cell.sendSystem(new SystemMessage.Create());
        if (epoch != mailboxEpoch.get()) {
            // A reselection may have walked the top level before this cell joined it.
            cell.sendSystem(new SystemMessage.Reselect(null, null, null));
        }
        return cell;
    }

    private SystemTerminatedException terminatedError() {
        return new SystemTerminatedException("actor system '" + name() + "' is terminating; it spawns no more actors");
    }

    <M> ActorCell<M> newCell(ActorCell<?> parent, ActorFactory<M> factory, SpawnOptions options) {
        String name = options.name();
        if (name != null) {
            SpawnOptions.checkName(name);
        }
        int throughput = options.throughput() == 0 ? defaultThroughput : options.throughput();
        MailboxFactory mf = mailboxes.select(options.mailbox(), options.mailboxFactory());
        MailboxQueue<Object> q = mf.create(options.mailbox());
        ActorCell<M> cell = new ActorCell<>(this, parent, name, ids.incrementAndGet(), factory,
                options.mailbox(), throughput, q, mf, options.mailboxFactory(),
                parent != null && options.lifecycleSignals(), options.failureLogging());
        if (name != null && registry.putIfAbsent(cell.path(), cell) != null) {
            throw new DuplicateActorNameException("an actor named '" + cell.path() + "' is already alive in system '"
                    + name() + "'; choose another name or stop that actor first");
        }
        spawned.increment();
        return cell;
    }

    private void unregister(ActorCell<?> cell) {
        if (cell.isNamed()) {
            registry.remove(cell.path(), cell);
        }
    }

    /** A cell finished terminating; called on its last turn. */
    void cellTerminated(ActorCell<?> cell) {
        unregister(cell);
        if (!deadLetterSubscribers.isEmpty()) {
            deadLetterSubscribers.remove(cell);
        }
        stopped.increment();
    }

    /** A killed child was detached from its parent: its name is free before it terminates. */
    void releaseName(ActorCell<?> cell) {
        unregister(cell);
    }

    /** The guardian's decision for a failed top-level actor. */
    void topLevelFailed(ActorCell<?> cell, Throwable cause) {
        Directive d = Directive.defaultFor(cause);
        switch (d) {
            case RESUME -> cell.sendSystem(new SystemMessage.Resume());
            case RESTART -> cell.sendSystem(new SystemMessage.Restart(cause, false));
            case STOP, HALT -> cell.sendSystem(new SystemMessage.Stop(ExitReason.FAILURE));
            case ESCALATE -> {
                LOG.error("top-level actor {} escalated {}; stopping it", cell.path(), cause.toString());
                cell.sendSystem(new SystemMessage.Stop(ExitReason.FAILURE));
            }
            default -> throw new IllegalStateException("unknown directive " + d);
        }
    }

    void topLevelTerminated(ActorCell<?> cell) {
        boolean last;
        synchronized (guardianLock) {
            topLevel.remove(cell);
            last = terminating && topLevel.isEmpty();
        }
        if (last) {
            shutdownThreads();
        }
    }

    /** A system message reached a terminated cell. */
    void afterDeath(ActorCell<?> dead, SystemMessage m) {
        if (m instanceof SystemMessage.Reselect r) {
            r.done(false);
        } else if (m instanceof SystemMessage.Inspect i) {
            i.walk.leave(false);
        } else if (m instanceof SystemMessage.Watch w) {
            if (w.future != null) {
                w.future.complete(null);
            } else {
                w.watcher.sendSystem(new SystemMessage.DeathNotification(dead));
            }
        }
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
        ActorCell<?> c = registry.get(path);
        return c == null || c.isDead() ? Optional.empty() : Optional.of((ActorRef<M>) c);
    }

    @Override
    public <Q, R> CompletionStage<R> ask(ActorRef<Q> target, Function<ActorRef<R>, Q> request, Duration timeout) {
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("ask timeout must be positive, was " + timeout);
        }
        PromiseRef<R> promise = new PromiseRef<>(this, target, timeout);
        Q message = Objects.requireNonNull(request.apply(promise), "the request function returned null");
        // Registered before the timer is asked, so the sweep at termination (after the
        // timer is shut down) sees every ask whose timeout was accepted.
        openAsks.add(promise);
        try {
            promise.timeoutAfter(timer.schedule(promise, Durations.nanos(timeout), TimeUnit.NANOSECONDS));
        } catch (RejectedExecutionException e) {
            promise.fail(terminatedAsk());
            return promise;
        }
        try {
            target.tell(message);
        } catch (RuntimeException e) {
            promise.fail(e);
        }
        return promise;
    }

    void askDone(PromiseRef<?> promise) {
        openAsks.remove(promise);
    }

    private SystemTerminatedException terminatedAsk() {
        return new SystemTerminatedException("actor system '" + name() + "' has terminated; the ask was not answered");
    }

    @Override
    public CompletionStage<Void> whenTerminated(ActorRef<?> actor) {
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
        deadLetters.increment();
        recentDeadLetters.set((int) (recentDeadLetterCount.getAndIncrement() % RECENT_DEAD_LETTERS),
                new RecentDeadLetter(System.currentTimeMillis(), new DeadLetter(message, recipient, reason)));
        if (reason == DeadLetter.Reason.NO_SUBSCRIBER) {
            // Unrouted publishes can be the normal case for a topic: count, never log each.
            if (LOG.isTraceEnabled()) {
                LOG.trace("dead letter {} to {}: {}", reason, recipient.path(), message);
            }
        } else {
            logDeadLetter(message, recipient, reason);
        }
        // A letter whose message is itself a dead letter failed to reach a subscriber:
        // publishing it again would bounce it between subscribers without end.
        if (!deadLetterSubscribers.isEmpty() && !(message instanceof DeadLetter)) {
            DeadLetter letter = new DeadLetter(message, recipient, reason);
            for (ActorCell<?> s : deadLetterSubscribers) {
                if (s != recipient && !s.offerDeadLetter(letter) && LOG.isDebugEnabled()) {
                    LOG.debug("dead-letter subscriber {} is stopped or full; it misses {}", s.path(), letter);
                }
            }
        }
    }

    private void logDeadLetter(Object message, ActorRef<?> recipient, DeadLetter.Reason reason) {
        long n = deadLetters.sum();
        if (n <= DEAD_LETTERS_LOGGED_AT_INFO) {
            LOG.info("dead letter {} to {}: {}{}", reason, recipient.path(), message.getClass().getName(),
                    n == DEAD_LETTERS_LOGGED_AT_INFO ? " (further dead letters are logged at DEBUG)" : "");
        } else if (LOG.isDebugEnabled()) {
            LOG.debug("dead letter {} to {}: {}", reason, recipient.path(), message);
        }
    }

    @Override
    public Subscription subscribeDeadLetters(ActorRef<DeadLetter> subscriber) {
        ActorCell<?> cell = cellOf(subscriber);
        deadLetterSubscribers.addIfAbsent(cell);
        if (cell.isDead()) {
            // Raced with its termination, which may have looked before the add.
            deadLetterSubscribers.remove(cell);
        }
        return () -> deadLetterSubscribers.remove(cell);
    }

    // ------------------------------------------------------------------ metrics

    /**
     * A dead letter and when it happened.
     *
     * @param epochMillis when, in milliseconds since the epoch
     * @param letter the dead letter
     */
    public record RecentDeadLetter(long epochMillis, DeadLetter letter) {
    }

    /**
     * The most recent dead letters, oldest first (at most 32).
     *
     * @return the dead letters
     */
    public List<RecentDeadLetter> recentDeadLetters() {
        List<RecentDeadLetter> list = new ArrayList<>(RECENT_DEAD_LETTERS);
        long end = recentDeadLetterCount.get();
        for (long i = Math.max(0, end - RECENT_DEAD_LETTERS); i < end; i++) {
            RecentDeadLetter d = recentDeadLetters.get((int) (i % RECENT_DEAD_LETTERS));
            if (d != null) {
                list.add(d);
            }
        }
        list.sort(Comparator.comparingLong(RecentDeadLetter::epochMillis));
        return list;
    }

    /**
     * Asks every live actor, on its own turn, for its state, and lists the answers in tree
     * order (a parent before its children, siblings by name). An actor busy in a long
     * handler answers late; whatever has not answered within {@code timeout} is missing.
     *
     * @param timeout how long to wait for the answers
     * @return the snapshots
     * @throws InterruptedException if interrupted while waiting
     */
    public List<ActorSnapshot> inspect(Duration timeout) throws InterruptedException {
        Objects.requireNonNull(timeout, "timeout");
        SystemMessage.Walk walk = new SystemMessage.Walk();
        ConcurrentLinkedQueue<ActorSnapshot> out = new ConcurrentLinkedQueue<>();
        List<ActorCell<?>> cells;
        synchronized (guardianLock) {
            cells = topLevel.snapshot();
        }
        for (ActorCell<?> c : cells) {
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
        long s = spawned.sum();
        return new SystemMetrics(name(), dispatcher.threads(), s - stopped.sum(), s, dispatcher.processed(),
                deadLetters.sum(), failures.sum(), restarts.sum(), mailboxes.preferredName());
    }

    @Override
    public Optional<ActorMetrics> metrics(ActorRef<?> actor) {
        ActorCell<?> c = cellOf(actor);
        return c.isDead() ? Optional.empty() : Optional.of(c.metrics());
    }

    // ------------------------------------------------------------------ termination

    /**
     * Completes when the system has terminated, without asking it to.
     *
     * @return the stage
     */
    public CompletionStage<Void> whenSystemTerminated() {
        return terminated.minimalCompletionStage();
    }

    @Override
    public CompletionStage<Void> terminate() {
        List<ActorCell<?>> toStop;
        synchronized (guardianLock) {
            if (terminating) {
                return terminated.minimalCompletionStage();
            }
            terminating = true;
            toStop = topLevel.snapshot();
        }
        LOG.info("actor system '{}' terminating: stopping {} top-level actors", name(), toStop.size());
        if (toStop.isEmpty()) {
            shutdownThreads();
        } else {
            for (ActorCell<?> c : toStop) {
                c.sendSystem(new SystemMessage.Stop(ExitReason.SHUTDOWN));
            }
        }
        return terminated.minimalCompletionStage();
    }

    private void shutdownThreads() {
        timer.shutdownNow();
        // Their timeouts were dropped with the timer: fail them now, or they never complete.
        for (PromiseRef<?> p : openAsks) {
            p.fail(terminatedAsk());
        }
        dispatcher.shutdown();
    }

    /** Runs on the last dispatcher thread as it exits. */
    private void threadsEnded() {
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("actor system '{}' terminated", name());
        terminated.complete(null);
    }

    @Override
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        try {
            long nanos = Durations.nanos(Objects.requireNonNull(timeout, "timeout"));
            terminated.get(nanos, TimeUnit.NANOSECONDS);
            return dispatcher.awaitExit(nanos, TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    boolean isTerminating() {
        return terminating;
    }

    @Override
    public String toString() {
        return "ActorSystem[" + name() + "]";
    }
}
