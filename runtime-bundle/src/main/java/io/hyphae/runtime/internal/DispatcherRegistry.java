package io.hyphae.runtime.internal;

import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.dispatch.DispatcherFactory;
import io.hyphae.api.dispatch.DispatcherSettings;
import io.hyphae.runtime.internal.RuntimeAdmin.DispatcherInfo;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dispatcher factories a system knows, the dispatchers made from them (one per factory,
 * when first needed), and the bindings cells run through.
 *
 * <p>Moves: every cell that follows the default shares {@link #defaults}; the cells pinned to
 * a dispatcher share its binding. Changing the default or removing a factory retargets
 * bindings; each cell takes the new target when it is next scheduled, at a turn boundary.
 * A removed factory's dispatcher forwards late arrivals to its successor and runs what it
 * had queued before its threads end, so no turn, and so no message, is lost.
 */
final class DispatcherRegistry {

    private static final Logger LOG = LoggerFactory.getLogger(DispatcherRegistry.class);

    private final DispatcherSettings settings;
    private final Map<String, DispatcherFactory> factories = new LinkedHashMap<>();
    private final Map<String, DispatcherHandle> running = new LinkedHashMap<>();
    private final Map<String, DispatcherBinding> pinned = new ConcurrentHashMap<>();
    /** Handles whose factory went away; kept to count their work and await their threads. */
    private final List<DispatcherHandle> retired = new ArrayList<>();
    final DispatcherBinding defaults;
    private String configured;

    DispatcherRegistry(DispatcherSettings settings, String configuredDefault, List<DispatcherFactory> extra) {
        this.settings = settings;
        for (DispatcherFactory f : BuiltinDispatchers.all()) {
            factories.put(f.name(), f);
        }
        for (DispatcherFactory f : extra) {
            factories.putIfAbsent(f.name(), f);
        }
        this.configured = configuredDefault == null ? "" : configuredDefault;
        this.defaults = new DispatcherBinding(null, handle(BuiltinDispatchers.DEFAULT));
        if (!configured.isEmpty() && !factories.containsKey(configured)) {
            LOG.info("default dispatcher '{}' is not deployed (yet); actors run on '{}' until it is", configured,
                    BuiltinDispatchers.DEFAULT);
        }
        retarget();
    }

    /** The binding for a new cell: the default, or the named dispatcher's. */
    DispatcherBinding binding(String name) {
        if (name == null) {
            return defaults;
        }
        DispatcherBinding b = pinned.get(name);
        if (b != null) {
            return b;
        }
        synchronized (this) {
            if (!factories.containsKey(name)) {
                throw new InvalidConfigurationException("no dispatcher named '" + name + "'; available: "
                        + factories.keySet());
            }
            return pinned.computeIfAbsent(name, n -> new DispatcherBinding(n, handle(n)));
        }
    }

    /** Adds a factory; a default or pinned binding waiting for its name moves to it. */
    synchronized void add(DispatcherFactory f) {
        if (factories.containsKey(f.name())) {
            if (factories.get(f.name()) != f) {
                LOG.warn("a dispatcher named '{}' is already registered; the new one is ignored", f.name());
            }
            return;
        }
        factories.put(f.name(), f);
        retarget();
    }

    /**
     * Removes a factory: its cells move to the default (or, if it was the default, to
     * the built-in default) and its dispatcher ends once it has run what it holds.
     *
     * @return the retired handle to await, or null if none ran
     */
    synchronized DispatcherHandle remove(DispatcherFactory f) {
        if (factories.get(f.name()) != f) {
            return null;
        }
        factories.remove(f.name());
        DispatcherHandle h = running.remove(f.name());
        retarget();
        if (h != null) {
            h.retire(defaults.target);
            retired.add(h);
        }
        return h;
    }

    /** Makes {@code name} the default; throws a typed error if no factory has that name. */
    synchronized void useDefault(String name) {
        if (name == null || !name.isEmpty() && !factories.containsKey(name)) {
            throw new InvalidConfigurationException("no dispatcher named '" + name + "'; available: "
                    + factories.keySet());
        }
        configured = name;
        retarget();
    }

    /**
     * Sets the configured default, which may name a factory not deployed yet: actors then
     * stay on the built-in default until it arrives.
     */
    synchronized void configure(String name) {
        String n = name == null ? "" : name;
        if (n.equals(configured)) {
            return;
        }
        configured = n;
        if (!n.isEmpty() && !factories.containsKey(n)) {
            LOG.info("default dispatcher '{}' is not deployed (yet); actors run on '{}' until it is", n,
                    defaults.target.name());
        }
        retarget();
    }

    /** Points every binding where it should point now. */
    private void retarget() {
        String d = configured.isEmpty() || !factories.containsKey(configured) ? BuiltinDispatchers.DEFAULT
                : configured;
        defaults.target = handle(d);
        for (DispatcherBinding b : pinned.values()) {
            b.target = factories.containsKey(b.pinned) ? handle(b.pinned) : defaults.target;
        }
    }

    private DispatcherHandle handle(String name) {
        DispatcherHandle h = running.get(name);
        if (h == null) {
            DispatcherFactory f = factories.get(name);
            h = new DispatcherHandle(f, f.create(settings));
            running.put(name, h);
            LOG.debug("dispatcher '{}' started for system '{}'", name, settings.systemName());
        }
        return h;
    }

    synchronized String defaultName() {
        return defaults.target.name();
    }

    synchronized List<String> names() {
        return List.copyOf(factories.keySet());
    }

    /** One row per factory: name, description, threads (-1 virtual, 0 not started), processed. */
    synchronized List<DispatcherInfo> list() {
        List<DispatcherInfo> rows = new ArrayList<>();
        String d = defaults.target.name();
        for (DispatcherFactory f : factories.values()) {
            DispatcherHandle h = running.get(f.name());
            rows.add(new DispatcherInfo(f.name(), f.description(), f.name().equals(d), h != null,
                    h == null ? 0 : h.dispatcher.threads(), h == null ? 0 : h.processed()));
        }
        return rows;
    }

    synchronized long processed() {
        long sum = 0;
        for (DispatcherHandle h : running.values()) {
            sum += h.processed();
        }
        for (DispatcherHandle h : retired) {
            sum += h.processed();
        }
        return sum;
    }

    /** Shuts every dispatcher down; each runs what it holds first. */
    synchronized List<DispatcherHandle> shutdownAll() {
        List<DispatcherHandle> all = new ArrayList<>(running.values());
        all.addAll(retired);
        for (DispatcherHandle h : all) {
            h.dispatcher.shutdown();
        }
        return all;
    }

    /** Waits for every dispatcher's threads; false if one did not end in time. */
    static boolean awaitAll(List<DispatcherHandle> handles, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + Durations.nanos(timeout);
        boolean all = true;
        for (DispatcherHandle h : handles) {
            long left = Math.max(0, deadline - System.nanoTime());
            all &= h.awaitTermination(Duration.ofNanos(left));
        }
        return all;
    }
}
