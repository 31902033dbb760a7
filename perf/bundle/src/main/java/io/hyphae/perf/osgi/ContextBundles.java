package io.hyphae.perf.osgi;

import io.hyphae.perf.workload.BundleHost;
import java.io.ByteArrayInputStream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;

/** Installs and updates the benchmark's bundles through this bundle's context. */
final class ContextBundles implements BundleHost {

    private final BundleContext context;

    ContextBundles(BundleContext context) {
        this.context = context;
    }

    @Override
    public long install(String location, byte[] jar) throws BundleException {
        Bundle b = context.installBundle(location, new ByteArrayInputStream(jar));
        b.start();
        return b.getBundleId();
    }

    @Override
    public void update(long id, byte[] jar) throws BundleException {
        bundle(id).update(new ByteArrayInputStream(jar));
    }

    @Override
    public boolean serving(long id) {
        Bundle b = context.getBundle(id);
        return b != null && (b.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0 && b.getRegisteredServices() != null;
    }

    @Override
    public void uninstall(long id) throws BundleException {
        bundle(id).uninstall();
    }

    private Bundle bundle(long id) {
        Bundle b = context.getBundle(id);
        if (b == null) {
            throw new IllegalStateException("bundle " + id + " is gone");
        }
        return b;
    }
}
