package io.hyphae.runtime.internal;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.dispatch.DispatcherFactory;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.time.ActorClock;
import io.hyphae.api.spi.ActorSystemProvider;
import io.hyphae.runtime.internal.jmx.ActorSystemMBean;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Creates systems on the module path: mailbox and dispatcher factories come from
 * {@link ServiceLoader} plus those given explicitly. With {@code -Dhyphae.jmx=true} each system is published
 * over JMX until it terminates.
 */
public final class HyphaeRuntimeProvider implements ActorSystemProvider {

    /** For {@link ServiceLoader}. */
    public HyphaeRuntimeProvider() {
    }

    @Override
    public ActorSystem create(ActorSystemConfig config, List<MailboxFactory> mailboxFactories) {
        return create(config, mailboxFactories, List.of());
    }

    @Override
    public ActorSystem create(ActorSystemConfig config, List<MailboxFactory> mailboxFactories,
            List<DispatcherFactory> dispatcherFactories) {
        return create(config, mailboxFactories, dispatcherFactories, null);
    }

    @Override
    public ActorSystem create(ActorSystemConfig config, List<MailboxFactory> mailboxFactories,
            List<DispatcherFactory> dispatcherFactories, ActorClock clock) {
        List<MailboxFactory> all = new ArrayList<>(mailboxFactories);
        for (MailboxFactory f : ServiceLoader.load(MailboxFactory.class)) {
            all.add(f);
        }
        List<DispatcherFactory> dispatchers = new ArrayList<>(dispatcherFactories);
        for (DispatcherFactory f : ServiceLoader.load(DispatcherFactory.class)) {
            dispatchers.add(f);
        }
        HyphaeActorSystem system = new HyphaeActorSystem(config, all, dispatchers, clock);
        if (Boolean.getBoolean("hyphae.jmx")) {
            ActorSystemMBean bean = ActorSystemMBean.register(system);
            if (bean != null) {
                system.whenSystemTerminated().thenRun(bean::unregister);
            }
        }
        return system;
    }
}
