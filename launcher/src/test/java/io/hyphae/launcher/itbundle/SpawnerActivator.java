package io.hyphae.launcher.itbundle;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.mailbox.MailboxFactory;
import java.util.Dictionary;
import java.util.Hashtable;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;

/**
 * Packaged at test time into a bundle of its own: registers a mailbox factory that ranks
 * above the built-in one, then spawns three actors (each with a child) through the
 * ActorSystem service. It stops nothing itself: the runtime must clean up after it.
 */
public final class SpawnerActivator implements BundleActivator {

    /** For the framework. */
    public SpawnerActivator() {
    }

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> props = new Hashtable<>();
        props.put(MailboxFactory.NAME_PROPERTY, TaggedMailboxFactory.NAME);
        context.registerService(MailboxFactory.class, new TaggedMailboxFactory(), props);
        ServiceReference<ActorSystem> ref = context.getServiceReference(ActorSystem.class);
        ActorSystem system = context.getService(ref);
        for (int i = 0; i < 3; i++) {
            ActorRef<String> actor = system.<String>spawn(ctx -> {
                ctx.spawn(c -> m -> { }, "child");
                return m -> { };
            }, "it-" + i);
            actor.tell("hello");
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
