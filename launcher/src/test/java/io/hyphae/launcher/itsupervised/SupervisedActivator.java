package io.hyphae.launcher.itsupervised;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.api.supervision.SupervisorSpec;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packaged at test time into a bundle of its own: starts a supervisor "it-sup" with a
 * worker that throws on "boom", through the Supervision and ActorSystem services.
 */
public final class SupervisedActivator implements BundleActivator {

    /** For the framework. */
    public SupervisedActivator() {
    }

    @Override
    public void start(BundleContext context) {
        ActorSystem system = context.getService(context.getServiceReference(ActorSystem.class));
        Supervision supervision = context.getService(context.getServiceReference(Supervision.class));
        supervision.start(system, "it-sup", SupervisorSpec.of(Strategy.ONE_FOR_ALL)
                .withChild(ChildSpec.of("first", ctx -> m -> { }))
                .withChild(ChildSpec.of("worker", ctx -> m -> {
                    if ("boom".equals(m)) {
                        throw new IllegalStateException("boom");
                    }
                })));
    }

    @Override
    public void stop(BundleContext context) {
    }
}
