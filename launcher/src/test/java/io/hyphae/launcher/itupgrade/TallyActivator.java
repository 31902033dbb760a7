package io.hyphae.launcher.itupgrade;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.Upgradable;
import io.hyphae.api.supervision.DeclaredActor;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.CompletableFuture;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packaged at test time, twice, as versions 1.0.0 and 2.0.0 of one bundle: declares the
 * actors "it-up/tally-0" and "it-up/tally-1", which count sequenced messages, check their
 * order per sender, and carry both across an upgrade in JDK types. Updating the bundle
 * upgrades them in place.
 */
public final class TallyActivator implements BundleActivator {

    /** Senders a tally tells apart: a message is {@code sender << 40 | sequence}. */
    static final int SENDERS = 4;

    /** Counts; answers a future with {count, outOfOrder, upgradesSeen}. */
    static final class Tally implements Actor<Object>, Upgradable {
        private long[] next = new long[SENDERS];
        private long count;
        private long outOfOrder;
        private long upgrades;

        @Override
        @SuppressWarnings("unchecked")
        public void receive(Object m) {
            if (m instanceof Long v) {
                int sender = (int) (v >>> 40);
                long seq = v & ((1L << 40) - 1);
                if (seq != next[sender]) {
                    outOfOrder++;
                }
                next[sender] = seq + 1;
                count++;
            } else if (m instanceof CompletableFuture<?> f) {
                ((CompletableFuture<long[]>) f).complete(new long[] {count, outOfOrder, upgrades});
            }
        }

        @Override
        public Object exportState() {
            return new long[][] {next.clone(), {count, outOfOrder, upgrades}};
        }

        @Override
        public void importState(Object state, String from, String to) {
            long[][] s = (long[][]) state;
            next = s[0];
            count = s[1][0];
            outOfOrder = s[1][1];
            upgrades = s[1][2] + 1;
        }
    }

    /** For the framework. */
    public TallyActivator() {
    }

    @Override
    public void start(BundleContext context) {
        for (int i = 0; i < 2; i++) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put(DeclaredActor.NAME, "tally-" + i);
            props.put(DeclaredActor.SUPERVISOR, "it-up");
            props.put(DeclaredActor.VERSION, context.getBundle().getVersion().toString());
            ActorFactory<Object> factory = ctx -> new Tally();
            context.registerService(ActorFactory.class, factory, props);
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
