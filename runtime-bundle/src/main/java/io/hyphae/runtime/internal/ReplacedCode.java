package io.hyphae.runtime.internal;

import io.hyphae.api.Actor;
import io.hyphae.api.broker.Published;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

/**
 * The class loaders of code that upgrades replaced in one actor, held weakly so that an
 * old bundle revision can still be collected: a message whose class one of them defined
 * cannot be handled as it is by the new code (see {@code Upgradable.convertMessage}).
 * Immutable; each upgrade that changes loaders makes a new one. Confined to the cell's turn.
 */
final class ReplacedCode {

    private final List<WeakReference<ClassLoader>> loaders;

    private ReplacedCode(List<WeakReference<ClassLoader>> loaders) {
        this.loaders = loaders;
    }

    /**
     * What is replaced after an upgrade from {@code oldCode} to {@code newCode} (instances and
     * factories): the loaders of the old code, plus those replaced before, minus any loader
     * the new code sees (its own and their parents), the JDK's and the runtime's.
     *
     * @return the replaced code, or null if nothing the new code cannot see was replaced
     */
    static ReplacedCode after(ReplacedCode before, Object[] oldCode, Object[] newCode) {
        List<ClassLoader> visible = new ArrayList<>();
        for (Object o : newCode) {
            for (ClassLoader l = loaderOf(o); l != null; l = l.getParent()) {
                visible.add(l);
            }
        }
        visible.add(Actor.class.getClassLoader());
        visible.add(ReplacedCode.class.getClassLoader());
        visible.add(ClassLoader.getPlatformClassLoader());
        List<WeakReference<ClassLoader>> out = new ArrayList<>();
        if (before != null) {
            for (WeakReference<ClassLoader> r : before.loaders) {
                ClassLoader l = r.get();
                if (l != null && !contains(visible, l)) {
                    out.add(r);
                }
            }
        }
        for (Object o : oldCode) {
            ClassLoader l = loaderOf(o);
            if (l != null && !contains(visible, l) && !holds(out, l)) {
                out.add(new WeakReference<>(l));
            }
        }
        return out.isEmpty() ? null : new ReplacedCode(List.copyOf(out));
    }

    /**
     * Whether {@code message}'s class was defined by replaced code; for a broker's
     * {@link Published} envelope, its payload's class.
     */
    boolean defined(Object message) {
        Object m = message instanceof Published p ? p.message() : message;
        ClassLoader l = m.getClass().getClassLoader();
        return l != null && holds(loaders, l);
    }

    /** Whether every replaced loader was collected, so that no message can be of its classes. */
    boolean gone() {
        for (WeakReference<ClassLoader> r : loaders) {
            if (r.get() != null) {
                return false;
            }
        }
        return true;
    }

    private static ClassLoader loaderOf(Object o) {
        return o == null ? null : o.getClass().getClassLoader();
    }

    private static boolean contains(List<ClassLoader> ls, ClassLoader l) {
        for (ClassLoader x : ls) {
            if (x == l) {
                return true;
            }
        }
        return false;
    }

    private static boolean holds(List<WeakReference<ClassLoader>> rs, ClassLoader l) {
        for (WeakReference<ClassLoader> r : rs) {
            if (r.get() == l) {
                return true;
            }
        }
        return false;
    }
}
