package io.hyphae.perf.upgrade;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.supervision.DeclaredActor;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packaged with {@link PauseProbe} as a bundle of its own at run time, in two versions:
 * declares the probe, so that updating the bundle upgrades it in place.
 */
public final class PauseProbeActivator implements BundleActivator {

    /** For the framework. */
    public PauseProbeActivator() {
    }

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(DeclaredActor.NAME, PauseProbe.NAME);
        props.put(DeclaredActor.SUPERVISOR, PauseProbe.GROUP);
        props.put(DeclaredActor.VERSION, context.getBundle().getVersion().toString());
        context.registerService(ActorFactory.class, PauseProbe.factory(), props);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
