package io.hyphae.runtime.internal.osgi;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.dispatch.DispatcherFactory;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.shutdown.ShutdownPhase;
import io.hyphae.api.shutdown.ShutdownReason;
import io.hyphae.runtime.internal.RuntimeAdmin;
import io.hyphae.runtime.internal.ScopedActorSystem;
import io.hyphae.runtime.internal.jmx.ActorSystemMBean;
import io.hyphae.runtime.internal.shell.HyphaeShell;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleEvent;
import org.osgi.framework.SynchronousBundleListener;
import org.osgi.framework.ServiceFactory;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the container's actor system: configured from ConfigAdmin PID
 * {@value ActorSystemConfig#PID}, tracking {@link MailboxFactory} services, and
 * registering {@link ActorSystem} as a service factory so each bundle gets its own view
 * whose actors stop when the bundle releases the service (at the latest when it stops).
 * It also publishes the system's MBean and the {@code hyphae} shell commands.
 */
@Component(immediate = true, service = {}, configurationPid = ActorSystemConfig.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class RuntimeComponent {

    private static final Logger LOG = LoggerFactory.getLogger(RuntimeComponent.class);
    /** How long past the sum of the phases' timeouts a stop waits for the shutdown's end. */
    private static final long SHUTDOWN_MARGIN_MILLIS = 5_000;

    private final List<MailboxFactory> factories = new CopyOnWriteArrayList<>();
    private final List<DispatcherFactory> dispatcherFactories = new CopyOnWriteArrayList<>();
    private volatile RuntimeAdmin system;
    private ServiceRegistration<ActorSystem> registration;
    private ServiceRegistration<HyphaeShell> shellRegistration;
    private ActorSystemMBean mbean;
    private BundleContext context;

    /** For SCR. */
    public RuntimeComponent() {
    }

    @Reference(service = MailboxFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addMailboxFactory(MailboxFactory factory) {
        factories.add(factory);
        RuntimeAdmin s = system;
        if (s != null) {
            s.addMailboxFactory(factory);
        }
        LOG.info("mailbox factory '{}' (ranking {}) available", factory.name(), factory.ranking());
    }

    void removeMailboxFactory(MailboxFactory factory) {
        factories.remove(factory);
        RuntimeAdmin s = system;
        if (s != null) {
            s.removeMailboxFactory(factory);
        }
        LOG.info("mailbox factory '{}' gone", factory.name());
    }

    @Reference(service = DispatcherFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addDispatcherFactory(DispatcherFactory factory) {
        dispatcherFactories.add(factory);
        RuntimeAdmin s = system;
        if (s != null) {
            s.addDispatcherFactory(factory);
        }
        LOG.info("dispatcher factory '{}' available", factory.name());
    }

    void removeDispatcherFactory(DispatcherFactory factory) {
        dispatcherFactories.remove(factory);
        RuntimeAdmin s = system;
        if (s != null) {
            s.removeDispatcherFactory(factory);
        }
        LOG.info("dispatcher factory '{}' gone", factory.name());
    }

    @Activate
    void activate(BundleContext bundleContext, Map<String, Object> properties) {
        this.context = bundleContext;
        bundleContext.addBundleListener(containerStop);
        apply(properties);
    }

    /**
     * The container begins to stop (the system bundle is stopping, before any other bundle
     * stops): runs the coordinated shutdown while every bundle's actors and services still
     * run, and holds the container's stop until it has ended.
     */
    private final SynchronousBundleListener containerStop = event -> {
        if (event.getBundle().getBundleId() == 0 && event.getType() == BundleEvent.STOPPING) {
            shutDown();
        }
    };

    /** Runs the coordinated shutdown for the container's stop and waits for it. */
    private void shutDown() {
        RuntimeAdmin s = system;
        if (s == null) {
            return;
        }
        try {
            s.coordinatedShutdown().run(ShutdownReason.CONTAINER_STOP);
            if (!s.awaitTermination(Duration.ofMillis(SHUTDOWN_MARGIN_MILLIS + totalTimeout(s)))) {
                LOG.warn("actor system '{}' did not terminate within its shutdown timeouts", s.name());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static long totalTimeout(RuntimeAdmin s) {
        long sum = 0;
        for (ShutdownPhase p : ShutdownPhase.values()) {
            sum += s.coordinatedShutdown().timeout(p).toMillis();
        }
        return sum;
    }

    @Modified
    void modified(Map<String, Object> properties) {
        apply(properties);
    }

    /**
     * A bad configuration is rejected with a logged, typed error: before the first good
     * one no ActorSystem is registered; later, the running configuration stays.
     */
    private synchronized void apply(Map<String, Object> properties) {
        ActorSystemConfig config;
        try {
            config = ActorSystemConfig.fromMap(properties);
        } catch (InvalidConfigurationException e) {
            LOG.error("configuration {} rejected: {}; {}", ActorSystemConfig.PID, e.getMessage(),
                    system == null ? "no ActorSystem until it is fixed" : "the running configuration stays");
            return;
        }
        RuntimeAdmin s = system;
        if (s != null) {
            s.reconfigure(config);
            return;
        }
        s = RuntimeAdmin.start(config, factories, dispatcherFactories);
        system = s;
        RuntimeAdmin shared = s;
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("hyphae.system.name", config.name());
        registration = context.registerService(ActorSystem.class, new ServiceFactory<ActorSystem>() {
            @Override
            public ActorSystem getService(Bundle bundle, ServiceRegistration<ActorSystem> reg) {
                return new ScopedActorSystem(shared,
                        "bundle " + bundle.getSymbolicName() + " [" + bundle.getBundleId() + "]");
            }

            @Override
            public void ungetService(Bundle bundle, ServiceRegistration<ActorSystem> reg, ActorSystem service) {
                ((ScopedActorSystem) service).release();
            }
        }, props);
        mbean = ActorSystemMBean.register(s);
        Dictionary<String, Object> shellProps = new Hashtable<>();
        shellProps.put("osgi.command.scope", "hyphae");
        shellProps.put("osgi.command.function", HyphaeShell.FUNCTIONS);
        shellRegistration = context.registerService(HyphaeShell.class,
                new HyphaeShell(s),
                shellProps);
    }

    @Deactivate
    synchronized void deactivate() throws InterruptedException {
        context.removeBundleListener(containerStop);
        if (shellRegistration != null) {
            shellRegistration.unregister();
            shellRegistration = null;
        }
        if (mbean != null) {
            mbean.unregister();
            mbean = null;
        }
        if (registration != null) {
            registration.unregister();
            registration = null;
        }
        shutDown();
        system = null;
    }
}
