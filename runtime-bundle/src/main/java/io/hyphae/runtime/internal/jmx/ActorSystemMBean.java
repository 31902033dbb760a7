package io.hyphae.runtime.internal.jmx;

import io.hyphae.api.ActorMetrics;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.runtime.internal.ActorSnapshot;
import io.hyphae.runtime.internal.RuntimeAdmin;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Publishes an actor system in the platform MBean server. */
public final class ActorSystemMBean implements ActorSystemMXBean {

    private static final Logger LOG = LoggerFactory.getLogger(ActorSystemMBean.class);
    private static final Duration INSPECT_TIMEOUT = Duration.ofSeconds(2);

    private final RuntimeAdmin system;
    private final ObjectName objectName;

    private ActorSystemMBean(RuntimeAdmin system, ObjectName objectName) {
        this.system = system;
        this.objectName = objectName;
    }

    /**
     * Registers the system's MBean; a failure is logged, never thrown, since JMX is optional.
     *
     * @param system the system
     * @return a handle to unregister it, or null if registration failed
     */
    public static ActorSystemMBean register(RuntimeAdmin system) {
        try {
            ObjectName name = objectName(system.name());
            ActorSystemMBean bean = new ActorSystemMBean(system, name);
            ManagementFactory.getPlatformMBeanServer().registerMBean(bean, name);
            return bean;
        } catch (JMException | RuntimeException e) {
            LOG.warn("actor system '{}' is not published over JMX: {}", system.name(), e.toString());
            return null;
        }
    }

    /**
     * The object name of a system's MBean.
     *
     * @param systemName the system's name
     * @return {@code io.hyphae:type=ActorSystem,name=<quoted name>}
     * @throws JMException if the name cannot be formed
     */
    public static ObjectName objectName(String systemName) throws JMException {
        return new ObjectName("io.hyphae:type=ActorSystem,name=" + ObjectName.quote(systemName));
    }

    /** Removes the MBean. */
    public void unregister() {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        try {
            if (server.isRegistered(objectName)) {
                server.unregisterMBean(objectName);
            }
        } catch (JMException e) {
            LOG.debug("unregistering {} failed", objectName, e);
        }
    }

    @Override
    public String getName() {
        return system.name();
    }

    @Override
    public int getDispatcherThreads() {
        return system.metrics().dispatcherThreads();
    }

    @Override
    public int getDefaultThroughput() {
        return system.defaultThroughput();
    }

    @Override
    public long getLiveActors() {
        return system.metrics().liveActors();
    }

    @Override
    public long getSpawned() {
        return system.metrics().spawned();
    }

    @Override
    public long getProcessed() {
        return system.metrics().processed();
    }

    @Override
    public long getDeadLetters() {
        return system.metrics().deadLetters();
    }

    @Override
    public Map<String, Long> getDeadLettersByReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        system.deadLettersByReason().forEach((reason, n) -> out.put(reason.name(), n));
        return out;
    }

    @Override
    public long getFailures() {
        return system.metrics().failures();
    }

    @Override
    public long getRestarts() {
        return system.metrics().restarts();
    }

    @Override
    public String getDefaultMailbox() {
        return system.metrics().mailboxFactory();
    }

    @Override
    public long getMailboxMoves() {
        return system.mailboxMoves();
    }

    @Override
    public long getMailboxRescues() {
        return system.mailboxRescues();
    }

    @Override
    public String getDefaultDispatcher() {
        return system.defaultDispatcher();
    }

    @Override
    public Map<String, Long> getDispatchers() {
        Map<String, Long> map = new LinkedHashMap<>();
        for (RuntimeAdmin.DispatcherInfo d : system.dispatcherInfo()) {
            map.put(d.name(), d.processed());
        }
        return map;
    }

    @Override
    public long getUpgrades() {
        return system.upgradesTotal();
    }

    @Override
    public List<String> getRecentUpgrades() {
        List<String> lines = new ArrayList<>();
        for (RuntimeAdmin.UpgradeRecord u : system.recentUpgrades()) {
            lines.add(u.path() + " " + u.fromVersion() + " -> " + u.toVersion() + ": " + u.outcome() + " (queued "
                    + u.queued() + ", pause " + u.pause().toNanos() / 1000 + " µs)");
        }
        return lines;
    }

    @Override
    public void useDispatcher(String name) {
        try {
            system.useDispatcher(name);
        } catch (InvalidConfigurationException e) {
            // Only JDK types cross JMX.
            throw new IllegalArgumentException(e.getMessage());
        }
    }

    @Override
    public List<String> actorPaths() throws InterruptedException {
        List<String> paths = new ArrayList<>();
        for (ActorSnapshot a : system.inspect(INSPECT_TIMEOUT)) {
            paths.add(a.path());
        }
        return paths;
    }

    @Override
    public Map<String, Long> actorCounters(String path) throws InterruptedException {
        String p = path == null ? "" : path.trim();
        for (ActorSnapshot a : system.inspect(INSPECT_TIMEOUT)) {
            if (a.path().equals(p)) {
                ActorMetrics m = a.metrics();
                Map<String, Long> counters = new LinkedHashMap<>();
                counters.put("received", m.received());
                counters.put("processed", m.processed());
                counters.put("mailboxDepth", (long) m.mailboxDepth());
                counters.put("failures", m.failures());
                counters.put("restarts", m.restarts());
                return counters;
            }
        }
        throw new IllegalArgumentException("no live actor at '" + p + "' in system '" + system.name() + "'");
    }
}
