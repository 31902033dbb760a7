package io.hyphae.runtime.internal;

import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxSpec;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The mailbox factories a system knows, the choice among them, and the walks that move
 * live actors when the choice changes. The built-in factory is always present, so every
 * spec has a factory. Changes are serialised by the registry's lock; spawns read the
 * volatile snapshots it leaves ({@code byName}, {@code bestUnbounded}) without it.
 */
final class MailboxRegistry {

    private final MailboxFactory builtin = new BuiltinMailboxFactory();
    private final CopyOnWriteArrayList<MailboxFactory> factories = new CopyOnWriteArrayList<>();
    private volatile String preferred;
    private volatile MailboxFactory bestUnbounded;
    /**
     * The best-ranked factory per name, rebuilt on every change: a spawn that names its
     * factory makes one hash lookup, not a call per factory.
     */
    private volatile Map<String, MailboxFactory> byName = Map.of();

    /** Bumped before each system-wide reselection; spawns compare it (see {@link #missedWalk}). */
    private final AtomicInteger epoch = new AtomicInteger();

    MailboxRegistry(String preferred, List<MailboxFactory> initial) {
        this.preferred = preferred == null ? "" : preferred;
        factories.add(builtin);
        for (MailboxFactory f : initial) {
            add(f);
        }
        recompute();
    }

    synchronized void add(MailboxFactory f) {
        // The built-in factory is always present; its service form adds nothing.
        if (BuiltinMailboxFactory.NAME.equals(f.name()) || factories.contains(f)) {
            return;
        }
        factories.add(f);
        recompute();
    }

    synchronized void remove(MailboxFactory f) {
        if (f != builtin && factories.remove(f)) {
            recompute();
        }
    }

    synchronized void prefer(String name) {
        preferred = name == null ? "" : name;
        recompute();
    }

    private void recompute() {
        Map<String, MailboxFactory> named = new HashMap<>();
        for (MailboxFactory f : factories) {
            named.merge(f.name(), f, (a, b) -> b.ranking() > a.ranking() ? b : a);
        }
        byName = Map.copyOf(named);
        bestUnbounded = best(MailboxSpec.unbounded());
    }

    /** The factory for a new mailbox: the named one, or the preferred, or the best ranked. */
    MailboxFactory select(MailboxSpec spec, String named) {
        if (named != null) {
            MailboxFactory f = byName(named);
            if (f == null) {
                throw new InvalidConfigurationException("no mailbox factory named '" + named + "'; available: " + names());
            }
            if (!f.supports(spec)) {
                throw new InvalidConfigurationException("mailbox factory '" + named + "' cannot make " + spec
                        + "; its capabilities are " + f.capabilities());
            }
            return f;
        }
        return spec.isBounded() ? best(spec) : bestUnbounded;
    }

    private MailboxFactory best(MailboxSpec spec) {
        String p = preferred;
        if (!p.isEmpty()) {
            MailboxFactory f = byName(p);
            if (f != null && f.supports(spec)) {
                return f;
            }
        }
        MailboxFactory best = builtin;
        for (MailboxFactory f : factories) {
            if (f.ranking() > best.ranking() && f.supports(spec)) {
                best = f;
            }
        }
        return best;
    }

    /**
     * The factory a live actor should use now: its pinned factory while that exists and
     * can make its shape, else the preferred or best ranked one.
     */
    MailboxFactory choose(MailboxSpec spec, String pinned) {
        if (pinned != null) {
            MailboxFactory f = byName(pinned);
            if (f != null && f.supports(spec)) {
                return f;
            }
        }
        return spec.isBounded() ? best(spec) : bestUnbounded;
    }

    /** The named factory; throws a typed error naming the ones there are. */
    MailboxFactory named(String name) {
        Objects.requireNonNull(name, "factoryName");
        MailboxFactory f = byName(name);
        if (f == null) {
            throw new InvalidConfigurationException("no mailbox factory named '" + name + "'; available: " + names());
        }
        return f;
    }

    /** The best-ranked factory of that name, or null. */
    private MailboxFactory byName(String name) {
        return byName.get(name);
    }

    String preferredName() {
        return bestUnbounded.name();
    }

    /** Every factory, the built-in one first. */
    List<MailboxFactory> all() {
        return List.copyOf(factories);
    }

    /** The factories' names, sorted, so that messages naming them read the same whatever order they came in. */
    List<String> names() {
        List<String> names = new ArrayList<>();
        for (MailboxFactory f : factories) {
            names.add(f.name());
        }
        names.sort(null);
        return names;
    }

    // ------------------------------------------------------------------ walks

    /**
     * Visits every live actor under {@code topLevel}, on its own turn, and moves it to the
     * factory it should use now. Completes with the number moved.
     */
    CompletableFuture<Integer> reselectAll(List<ActorCell<?>> topLevel) {
        epoch.incrementAndGet();
        Walk walk = new Walk();
        for (ActorCell<?> c : topLevel) {
            walk.enter();
            c.sendSystem(new SystemMessage.Reselect(walk, null, null));
        }
        walk.leave(false);
        return walk.done;
    }

    /** The walk epoch, read before a top-level spawn. */
    int epoch() {
        return epoch.get();
    }

    /**
     * A top-level cell spawned at {@code epochBefore} joined the guardian: if a walk began
     * meanwhile it may have missed the cell, which then reselects on its own.
     */
    void missedWalk(ActorCell<?> cell, int epochBefore) {
        if (epochBefore != epoch.get()) {
            cell.sendSystem(new SystemMessage.Reselect(null, null, null));
        }
    }

    /** Moves one actor to the named factory, which then pins it. */
    CompletableFuture<Boolean> swap(ActorCell<?> cell, String factoryName) {
        MailboxFactory f = named(factoryName);
        if (!f.supports(cell.spec)) {
            throw new InvalidConfigurationException("mailbox factory '" + factoryName + "' cannot make " + cell.spec
                    + " for " + cell.path() + "; its capabilities are " + f.capabilities());
        }
        CompletableFuture<Boolean> done = new CompletableFuture<>();
        cell.sendSystem(new SystemMessage.Reselect(null, f, done));
        return done;
    }
}
