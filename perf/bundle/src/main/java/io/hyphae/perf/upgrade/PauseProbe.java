package io.hyphae.perf.upgrade;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.Upgradable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * The actor whose code the upgrade benchmark replaces. It reports through an
 * {@link AtomicLongArray} it is given first and carries across every upgrade (a JDK type
 * both revisions see): [0] messages handled, [1] upgrades after which it handled a message,
 * [2] the time that message was handled. An {@link AtomicInteger} holds it: it sets it to 1
 * and spins until it reads 2, so that letting it go costs no thread wake-up.
 */
public final class PauseProbe implements Actor<Object>, Upgradable {

    /** The supervisor group it is declared in, when packaged as a bundle. */
    public static final String GROUP = "perf-upgrade";
    /** Its name. */
    public static final String NAME = "probe";

    private AtomicLongArray signals;
    private boolean upgraded;

    /** @return a factory of probes */
    public static ActorFactory<Object> factory() {
        return ctx -> new PauseProbe();
    }

    @Override
    public void receive(Object m) {
        if (m instanceof AtomicLongArray a) {
            signals = a;
        } else if (m instanceof AtomicInteger hold) {
            hold.set(1);
            while (hold.get() != 2) {
                Thread.onSpinWait();
            }
        } else {
            signals.incrementAndGet(0);
            if (upgraded) {
                upgraded = false;
                signals.set(2, System.nanoTime());
                signals.incrementAndGet(1);
            }
        }
    }

    @Override
    public Object exportState() {
        return signals;
    }

    @Override
    public void importState(Object state, String fromVersion, String toVersion) {
        signals = (AtomicLongArray) state;
        upgraded = true;
    }
}
