package io.hyphae.runtime.revision;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.Upgradable;
import java.lang.reflect.Method;
import java.util.Queue;
import java.util.concurrent.CountDownLatch;

/**
 * An actor of one code revision: records the {@link Ping}s of its own revision it handles
 * into {@code seen}, and reports anything else there as "foreign:" plus its class name, as
 * handling it generically would. Carries the recorded count across upgrades. With
 * {@code convert}, it converts pings of an older revision by reading their number.
 */
public final class RevisionActor implements Actor<Object>, Upgradable {

    private final boolean convert;
    private final Queue<Object> seen;
    private final CountDownLatch gate;
    private int handled;

    private RevisionActor(boolean convert, Queue<Object> seen, CountDownLatch gate) {
        this.convert = convert;
        this.seen = seen;
        this.gate = gate;
    }

    /**
     * A factory of this revision.
     *
     * @param convert whether pings of replaced revisions are converted
     * @param seen where handled messages are recorded
     * @param gate awaited before the first message is handled; null for none
     * @return the factory
     */
    public static ActorFactory<Object> factory(boolean convert, Queue<Object> seen, CountDownLatch gate) {
        return ctx -> new RevisionActor(convert, seen, gate);
    }

    @Override
    public void receive(Object m) throws Exception {
        if (gate != null) {
            gate.await();
        }
        if (m instanceof Ping p) {
            handled++;
            seen.add(p.n());
        } else {
            seen.add("foreign:" + m.getClass().getName());
        }
    }

    @Override
    public Object exportState() {
        return handled;
    }

    @Override
    public void importState(Object state, String fromVersion, String toVersion) {
        handled = state == null ? 0 : (Integer) state;
    }

    @Override
    public Object convertMessage(Object message) throws Exception {
        if (!convert) {
            return null;
        }
        Method n = message.getClass().getMethod("n");
        int value = (Integer) n.invoke(message);
        if (value < 0) {
            throw new IllegalArgumentException("cannot convert ping " + value);
        }
        return new Ping(value);
    }
}
