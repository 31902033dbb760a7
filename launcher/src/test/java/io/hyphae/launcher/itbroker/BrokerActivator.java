package io.hyphae.launcher.itbroker;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packaged at test time into a bundle of its own: spawns actor "it-broker-sink" and
 * subscribes it to {@code it/#} through the MessageBroker service.
 */
public final class BrokerActivator implements BundleActivator {

    /** For the framework. */
    public BrokerActivator() {
    }

    @Override
    public void start(BundleContext context) {
        ActorSystem system = context.getService(context.getServiceReference(ActorSystem.class));
        MessageBroker broker = context.getService(context.getServiceReference(MessageBroker.class));
        ActorRef<Object> sink = system.spawn(ctx -> m -> { }, "it-broker-sink");
        broker.subscribe("it/#", sink);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
