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
 * Packaged at test time, twice, as versions 1.0.0 and 2.0.0 of one bundle: declares the actor
 * "it-up/tally", which counts sequenced messages, checks their order, and carries both across
 * an upgrade in JDK types. Updating the bundle upgrades the actor in place.
 */
public final class TallyActivator implements BundleActivator {

    /** Counts; answers a future with {count, outOfOrder, upgradesSeen}. */
    static final class Tally implements Actor<Object>, Upgradable {
        private long next;
        private long count;
        private long outOfOrder;
        private long upgrades;

        @Override
        @SuppressWarnings("unchecked")
        public void receive(Object m) {
            if (m instanceof Long seq) {
                if (seq != next) {
                    outOfOrder++;
                }
                next = seq + 1;
                count++;
            } else if (m instanceof CompletableFuture<?> f) {
                ((CompletableFuture<long[]>) f).complete(new long[] {count, outOfOrder, upgrades});
            }
        }

        @Override
        public Object exportState() {
            return new long[] {next, count, outOfOrder, upgrades};
        }

        @Override
        public void importState(Object state, String from, String to) {
            long[] s = (long[]) state;
            next = s[0];
            count = s[1];
            outOfOrder = s[2];
            upgrades = s[3] + 1;
        }
    }

    /** For the framework. */
    public TallyActivator() {
    }

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(DeclaredActor.NAME, "tally");
        props.put(DeclaredActor.SUPERVISOR, "it-up");
        props.put(DeclaredActor.VERSION, context.getBundle().getVersion().toString());
        ActorFactory<Object> factory = ctx -> new Tally();
        context.registerService(ActorFactory.class, factory, props);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
