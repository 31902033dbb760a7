package io.hyphae.supervisor.internal;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Upgrade;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.DeclaredActor;
import io.hyphae.api.supervision.RestartType;
import io.hyphae.api.supervision.Shutdown;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts an actor for every {@link ActorFactory} service carrying {@value DeclaredActor#NAME},
 * under a top-level supervisor per group, and stops it when the service goes away. A new
 * configuration (PID {@value DeclaredActor#PID}) restarts the groups with the new spec.
 */
@Component(immediate = true, service = DeclaredActors.class, configurationPid = DeclaredActor.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class DeclaredActors {

    private static final Logger LOG = LoggerFactory.getLogger(DeclaredActors.class);
    private static final long WAIT_SECONDS = 30;
    /** The first delay before a failed group starts again; it doubles while the group keeps failing. */
    static final long GROUP_RESTART_MIN_MS = 1_000;
    /** The longest delay, and how long a group must have run for its failures to be forgotten. */
    static final long GROUP_RESTART_MAX_MS = 60_000;

    /** One declared actor, and the bundle whose service declares it (-1 if unknown). */
    private record Declared(String group, ChildSpec child, int order, long bundle) {
        String path() {
            return group + "/" + child.id();
        }
    }

    /** A declared actor whose service went away; it runs on until the grace period ends. */
    private record Departing(Declared declared) {
    }

    /**
     * What happened to a declared actor when its service was replaced or went away.
     *
     * @param path the actor's path
     * @param upgrade the upgrade, if its code was replaced in place
     * @param outcome "upgraded", "stopped", or why the upgrade failed
     */
    public record Replacement(String path, Upgrade upgrade, String outcome) {
    }

    /** The declared groups' settings. */
    record Settings(SupervisorSpec spec, Shutdown childShutdown, long graceMs) {
    }

    @Reference
    private ActorSystem system;
    @Reference
    private Supervision supervision;

    /**
     * By registration: the service id, or the factory where there is none. Not by factory
     * alone, since one factory object may be registered under several names.
     */
    private final Map<Object, Declared> declared = new LinkedHashMap<>();
    /** Concurrent: a group's termination callback may run on a dispatcher thread, without the lock. */
    private final Map<String, Supervisor> groups = new ConcurrentHashMap<>();
    /** Specs applications registered for their groups; guarded by this. */
    private final Map<String, SupervisorSpec> groupSpecs = new HashMap<>();
    /** Per group: when it last started (clock nanos) and how often in a row it failed. */
    private final Map<String, long[]> groupRuns = new ConcurrentHashMap<>();
    /** By path: actors whose service went away, kept for a replacement (a bundle update); guarded by this. */
    private final Map<String, Departing> departing = new HashMap<>();
    /** By path: the last replacement of each declared actor. */
    private final Map<String, Replacement> replacements = new ConcurrentHashMap<>();
    private Settings settings = settings(Map.of());
    private volatile boolean active;

    /** For SCR. */
    public DeclaredActors() {
    }

    @Activate
    synchronized void activate(Map<String, Object> properties) {
        apply(properties);
        active = true;
        for (Declared d : inStartOrder()) {
            start(d);
        }
    }

    @Modified
    synchronized void modified(Map<String, Object> properties) {
        Settings before = settings;
        apply(properties);
        if (settings.equals(before)) {
            return;
        }
        LOG.info("supervisor settings changed: restarting {} declared groups", groups.size());
        for (String g : groups.keySet().toArray(String[]::new)) {
            shutdown(g);
        }
        departing.clear(); // they went down with their groups and are not declared any more
        for (Declared d : inStartOrder()) {
            start(d);
        }
    }

    @Deactivate
    synchronized void deactivate() {
        active = false;
        departing.clear();
        for (String g : groups.keySet().toArray(String[]::new)) {
            shutdown(g);
        }
    }

    @Reference(service = ActorFactory.class, target = "(" + DeclaredActor.NAME + "=*)",
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addActor(ActorFactory<?> factory, Map<String, Object> properties) {
        Declared d;
        try {
            d = declare(factory, properties);
        } catch (RuntimeException e) {
            LOG.error("declared actor {} rejected: {}", properties.get(DeclaredActor.NAME), e.getMessage());
            return;
        }
        declared.put(key(factory, properties), d);
        Departing gone = departing.remove(d.path());
        if (gone != null && active && upgradeInPlace(d, factory, properties)) {
            return;
        }
        if (active) {
            start(d);
        }
    }

    /**
     * The same actor is declared again while its predecessor still runs: replace its code
     * in place, keeping ref, mailbox and state. False if there was nothing left to upgrade.
     */
    @SuppressWarnings("unchecked")
    private boolean upgradeInPlace(Declared d, ActorFactory<?> factory, Map<String, Object> properties) {
        Optional<ActorRef<Object>> live = system.find(d.path());
        if (live.isEmpty()) {
            return false;
        }
        String version = string(properties, DeclaredActor.VERSION, "service " + properties.get("service.id"));
        try {
            Upgrade u = await(system.upgrade(live.get(), (ActorFactory<Object>) factory, version));
            replacements.put(d.path(), new Replacement(d.path(), u, "upgraded"));
            LOG.info("declared actor {} upgraded in place from '{}' to '{}' ({} messages queued, {} µs)", d.path(),
                    u.fromVersion(), u.toVersion(), u.queued(), u.pause().toNanos() / 1000);
        } catch (ExecutionException e) {
            replacements.put(d.path(), new Replacement(d.path(), null, "failed: " + e.getCause()));
            LOG.warn("declared actor {}: upgrade to '{}' failed ({}); its supervisor decides, and a restart uses "
                    + "the new code", d.path(), version, e.getCause().toString());
        } catch (TimeoutException e) {
            replacements.put(d.path(), new Replacement(d.path(), null, "timed out"));
            LOG.warn("declared actor {}: upgrade to '{}' did not finish within {} s", d.path(), version, WAIT_SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return true;
    }

    synchronized void removeActor(ActorFactory<?> factory, Map<String, Object> properties) {
        Declared d = declared.remove(key(factory, properties));
        if (d == null || groups.get(d.group()) == null) {
            return;
        }
        long grace = settings.graceMs();
        if (!active || grace == 0) {
            stopDeclared(d);
            return;
        }
        // A bundle update unregisters the service and registers the new revision's at once:
        // keep the actor running a moment, so the new code can take it over in place.
        Departing dep = new Departing(d);
        departing.put(d.path(), dep);
        try {
            system.clock().schedule(() -> CompletableFuture.runAsync(() -> expire(dep)),
                    TimeUnit.MILLISECONDS.toNanos(grace));
        } catch (RejectedExecutionException e) {
            departing.remove(d.path(), dep);
            stopDeclared(d);
        }
    }

    private synchronized void expire(Departing dep) {
        if (departing.remove(dep.declared().path(), dep)) {
            stopDeclared(dep.declared());
            replacements.put(dep.declared().path(), new Replacement(dep.declared().path(), null, "stopped"));
        }
    }

    /**
     * The paths of the actors that a bundle's services declare, including those waiting out
     * their grace period.
     *
     * @param bundleId the bundle
     * @return the paths, sorted
     */
    public synchronized List<String> declaredBy(long bundleId) {
        List<String> out = new ArrayList<>();
        for (Declared d : declared.values()) {
            if (d.bundle() == bundleId) {
                out.add(d.path());
            }
        }
        for (Departing d : departing.values()) {
            if (d.declared().bundle() == bundleId && !out.contains(d.declared().path())) {
                out.add(d.declared().path());
            }
        }
        out.sort(null);
        return out;
    }

    /**
     * The last replacement of a declared actor.
     *
     * @param path the actor's path
     * @return what happened last, if anything did
     */
    public Optional<Replacement> lastReplacement(String path) {
        return Optional.ofNullable(replacements.get(path));
    }

    /**
     * Whether a declared actor's service went away and it waits out its grace period.
     *
     * @param path the actor's path
     * @return true while it waits
     */
    public synchronized boolean isDeparting(String path) {
        return departing.containsKey(path);
    }

    /** @return the grace period in milliseconds */
    public synchronized long graceMillis() {
        return settings.graceMs();
    }

    /** Stops a declared actor whose service is gone, and its group with the last one. */
    private void stopDeclared(Declared d) {
        Supervisor sup = groups.get(d.group());
        if (sup == null) {
            return;
        }
        String id = d.child().id();
        if (declared.values().stream().noneMatch(other -> other.group().equals(d.group()))
                && departing.values().stream().noneMatch(other -> other.declared().group().equals(d.group()))) {
            // The group's last declared actor: the group goes with it instead of staying empty.
            shutdown(d.group());
            LOG.info("declared actor {}/{} stopped, and its supervisor with it (no declared actor left)",
                    d.group(), id);
            return;
        }
        try {
            await(sup.terminateChild(id));
            await(sup.deleteChild(id));
            LOG.info("declared actor {}/{} stopped", d.group(), id);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("declared actor {}/{} did not stop cleanly: {}", d.group(), id, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Reference(service = SupervisorSpec.class, target = "(" + DeclaredActor.GROUP_SPEC + "=*)",
            cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    synchronized void addSpec(SupervisorSpec spec, Map<String, Object> properties) {
        String group = string(properties, DeclaredActor.GROUP_SPEC, null);
        if (spec.strategy() == Strategy.DYNAMIC) {
            LOG.error("supervisor spec for declared group '{}' rejected: a declared group cannot be dynamic", group);
            return;
        }
        groupSpecs.put(group, spec);
        restartGroup(group, "the application registered its spec");
    }

    synchronized void removeSpec(SupervisorSpec spec, Map<String, Object> properties) {
        String group = string(properties, DeclaredActor.GROUP_SPEC, null);
        if (groupSpecs.remove(group, spec)) {
            restartGroup(group, "the application's spec went away");
        }
    }

    /** The spec a group runs with: the application's (without its children), else the configured one. */
    private SupervisorSpec specOf(String group) {
        SupervisorSpec own = groupSpecs.get(group);
        if (own == null) {
            return settings.spec();
        }
        SupervisorSpec spec = SupervisorSpec.of(own.strategy()).withIntensity(own.intensity(), own.period());
        return own.backoff() == null ? spec : spec.withBackoff(own.backoff());
    }

    private void restartGroup(String group, String why) {
        if (!active || !groups.containsKey(group)) {
            return;
        }
        LOG.info("declared supervisor '{}' restarts: {}", group, why);
        shutdown(group);
        departing.values().removeIf(dep -> dep.declared().group().equals(group));
        groupRuns.remove(group);
        startGroup(group);
    }

    private void startGroup(String group) {
        for (Declared d : inStartOrder()) {
            if (d.group().equals(group)) {
                start(d);
            }
        }
    }

    /** By {@value DeclaredActor#ORDER}, then by arrival. */
    private List<Declared> inStartOrder() {
        List<Declared> all = new ArrayList<>(declared.values());
        all.sort(Comparator.comparingInt(Declared::order)); // stable: arrival order among equals
        return all;
    }

    private static Object key(ActorFactory<?> factory, Map<String, Object> properties) {
        Object id = properties.get("service.id");
        return id != null ? id : factory;
    }

    private static Declared declare(ActorFactory<?> factory, Map<String, Object> p) {
        String name = string(p, DeclaredActor.NAME, null);
        String group = string(p, DeclaredActor.SUPERVISOR, DeclaredActor.DEFAULT_SUPERVISOR);
        String mailbox = string(p, DeclaredActor.MAILBOX, "");
        String dispatcher = string(p, DeclaredActor.DISPATCHER, "");
        String restart = string(p, DeclaredActor.RESTART, "permanent");
        String logging = string(p, DeclaredActor.FAILURE_LOGGING, "true").toLowerCase(Locale.ROOT);
        if (!logging.equals("true") && !logging.equals("false")) {
            throw new InvalidConfigurationException(DeclaredActor.FAILURE_LOGGING + " must be true or false, was '"
                    + logging + "'");
        }
        RestartType type;
        try {
            type = RestartType.valueOf(restart.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException(DeclaredActor.RESTART + " must be permanent, transient or "
                    + "temporary, was '" + restart + "'");
        }
        SpawnOptions.checkName(group);
        SpawnOptions options = SpawnOptions.named(name).withFailureLogging(Boolean.parseBoolean(logging));
        if (!mailbox.isEmpty()) {
            options = options.withMailboxFactory(mailbox);
        }
        if (!dispatcher.isEmpty()) {
            options = options.withDispatcher(dispatcher);
        }
        ChildSpec child = ChildSpec.of(name, factory).withRestart(type).withOptions(options);
        Object bundle = p.get("service.bundleid");
        return new Declared(group, child, (int) number(p, DeclaredActor.ORDER, 0, Integer.MIN_VALUE,
                Integer.MAX_VALUE), bundle instanceof Number n ? n.longValue() : -1);
    }

    private void start(Declared d) {
        Supervisor sup = groups.get(d.group());
        try {
            if (sup == null) {
                SupervisorSpec spec = specOf(d.group());
                sup = supervision.start(system, d.group(), spec);
                groups.put(d.group(), sup);
                Supervisor started = sup;
                String group = d.group();
                groupRuns.computeIfAbsent(group, g -> new long[2])[0] = system.clock().nanoTime();
                system.whenTerminated(sup.ref()).thenRun(() -> forget(group, started));
                LOG.info("declared supervisor '{}' started ({}{})", d.group(), describe(spec),
                        groupSpecs.containsKey(group) ? ", the application's spec" : "");
            }
            await(sup.startChild(d.child().withShutdown(settings.childShutdown())));
            LOG.info("declared actor {}/{} started", d.group(), d.child().id());
        } catch (ExecutionException | TimeoutException | RuntimeException e) {
            Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
            LOG.error("declared actor {}/{} did not start: {}", d.group(), d.child().id(), cause.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * A group's supervisor terminated without being asked to (its restart intensity was
     * exceeded, or something stopped it): it starts again after a delay that doubles while it
     * keeps failing. Never takes the component's lock: it runs where the supervisor terminated.
     */
    private void forget(String group, Supervisor sup) {
        if (!groups.remove(group, sup) || !active) {
            return;
        }
        if (system.coordinatedShutdown().reason().isPresent()) {
            LOG.info("declared supervisor '{}' stopped by the system's shutdown", group);
            return;
        }
        long[] run = groupRuns.computeIfAbsent(group, g -> new long[2]);
        long ranMs = TimeUnit.NANOSECONDS.toMillis(system.clock().nanoTime() - run[0]);
        run[1] = ranMs >= GROUP_RESTART_MAX_MS ? 1 : run[1] + 1;
        long delayMs = Math.min(GROUP_RESTART_MAX_MS, GROUP_RESTART_MIN_MS << Math.min(run[1] - 1, 16));
        LOG.warn("declared supervisor '{}' terminated on its own (restart intensity exceeded, or stopped from "
                + "outside); starting it again in {} ms (failure {} in a row)", group, delayMs, run[1]);
        try {
            system.clock().schedule(() -> CompletableFuture.runAsync(() -> startAgain(group)),
                    TimeUnit.MILLISECONDS.toNanos(delayMs));
        } catch (RejectedExecutionException e) {
            // the system is terminating
        }
    }

    private synchronized void startAgain(String group) {
        if (active && !groups.containsKey(group)) {
            startGroup(group);
        }
    }

    private void shutdown(String group) {
        Supervisor sup = groups.remove(group);
        if (sup == null) {
            return;
        }
        try {
            await(sup.shutdown());
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("declared supervisor '{}' did not shut down cleanly: {}", group, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void apply(Map<String, Object> properties) {
        try {
            settings = settings(properties);
        } catch (RuntimeException e) {
            LOG.error("configuration {} rejected: {}; the running settings stay", DeclaredActor.PID, e.getMessage());
        }
    }

    /**
     * The declared groups' settings from configuration keys.
     *
     * @throws InvalidConfigurationException if a value is malformed
     */
    static Settings settings(Map<String, ?> p) {
        String s = string(p, "strategy", "one_for_one");
        Strategy strategy;
        try {
            strategy = Strategy.valueOf(s.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            strategy = null;
        }
        if (strategy == null || strategy == Strategy.DYNAMIC) {
            throw new InvalidConfigurationException("strategy must be one_for_one, one_for_all or rest_for_one, was '"
                    + s + "'");
        }
        int intensity = (int) number(p, "intensity", 3, 0, 1_000_000);
        long period = number(p, "period.ms", 5_000, 1, 86_400_000);
        long shutdownMs = number(p, "shutdown.ms", 5_000, 0, 3_600_000);
        long graceMs = number(p, "update.grace.ms", 2_000, 0, 600_000);
        return new Settings(SupervisorSpec.of(strategy).withIntensity(intensity, Duration.ofMillis(period)),
                shutdownMs == 0 ? Shutdown.BRUTAL : Shutdown.timeout(Duration.ofMillis(shutdownMs)), graceMs);
    }

    private static String describe(SupervisorSpec s) {
        return s.strategy().name().toLowerCase(Locale.ROOT) + ", " + s.intensity() + " restarts in "
                + s.period().toMillis() + " ms";
    }

    private static String string(Map<String, ?> p, String key, String fallback) {
        Object v = p.get(key);
        if (v == null || v.toString().isBlank()) {
            if (fallback == null) {
                throw new InvalidConfigurationException(key + " is required");
            }
            return fallback;
        }
        return v.toString().trim();
    }

    private static long number(Map<String, ?> p, String key, long fallback, long min, long max) {
        Object v = p.get(key);
        if (v == null || v.toString().isBlank()) {
            return fallback;
        }
        long n;
        try {
            n = Long.parseLong(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key + " must be an integer, was '" + v + "'", e);
        }
        if (n < min || n > max) {
            throw new InvalidConfigurationException(key + " must be in " + min + ".." + max + ", was " + n);
        }
        return n;
    }

    private static <T> T await(CompletionStage<T> stage)
            throws InterruptedException, ExecutionException, TimeoutException {
        return stage.toCompletableFuture().get(WAIT_SECONDS, TimeUnit.SECONDS);
    }
}
