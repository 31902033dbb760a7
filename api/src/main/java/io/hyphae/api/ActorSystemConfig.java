package io.hyphae.api;

import io.hyphae.api.shutdown.ShutdownPhase;
import io.hyphae.api.shutdown.ShutdownSettings;
import java.time.Duration;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * Settings of an actor system. The same keys are read from OSGi ConfigAdmin (PID
 * {@value #PID}) and, on the module path, from system properties prefixed with
 * {@value #SYSTEM_PROPERTY_PREFIX}.
 *
 * <table>
 * <caption>Keys</caption>
 * <tr><th>key</th><th>default</th><th>range</th></tr>
 * <tr><td>{@value #NAME}</td><td>{@code hyphae}</td><td>non-empty</td></tr>
 * <tr><td>{@value #DISPATCHER_THREADS}</td><td>available processors</td><td>1..1024</td></tr>
 * <tr><td>{@value #DISPATCHER_THROUGHPUT}</td><td>100</td><td>1..1000000</td></tr>
 * <tr><td>{@value #DISPATCHER_SPIN_MICROS}</td><td>20</td><td>0..100000</td></tr>
 * <tr><td>{@value #MAILBOX_FACTORY}</td><td>best ranked</td><td>a factory name</td></tr>
 * <tr><td>{@value #DISPATCHER_DEFAULT}</td><td>{@code affinity}</td><td>a dispatcher factory name</td></tr>
 * <tr><td>{@code shutdown.<phase>.timeoutMillis}</td><td>per phase, see
 * {@link ShutdownPhase}</td><td>0..3600000</td></tr>
 * <tr><td>{@value ShutdownSettings#JVM_HOOK}</td><td>{@code true}</td><td>true, false</td></tr>
 * </table>
 *
 * @param name the system's name
 * @param dispatcherThreads threads that run actors
 * @param throughput default messages per actor turn
 * @param spinMicros how long an idle dispatcher thread spins before it parks
 * @param mailboxFactory the preferred mailbox factory's name, or empty for the best ranked
 * @param dispatcher the default dispatcher factory's name, or empty for {@code affinity}
 * @param shutdown the coordinated shutdown's timeouts and JVM hook
 */
public record ActorSystemConfig(String name, int dispatcherThreads, int throughput, int spinMicros,
        String mailboxFactory, String dispatcher, ShutdownSettings shutdown) {

    /** The ConfigAdmin PID of the runtime. */
    public static final String PID = "io.hyphae.runtime";
    /** Prefix of the system properties read by {@link #fromSystemProperties()}. */
    public static final String SYSTEM_PROPERTY_PREFIX = "hyphae.";
    /** Key of {@link #name()}. */
    public static final String NAME = "name";
    /** Key of {@link #dispatcherThreads()}. */
    public static final String DISPATCHER_THREADS = "dispatcher.threads";
    /** Key of {@link #throughput()}. */
    public static final String DISPATCHER_THROUGHPUT = "dispatcher.throughput";
    /** Key of {@link #spinMicros()}. */
    public static final String DISPATCHER_SPIN_MICROS = "dispatcher.spinMicros";
    /** Key of {@link #mailboxFactory()}. */
    public static final String MAILBOX_FACTORY = "mailbox.factory";
    /** Key of {@link #dispatcher()}. */
    public static final String DISPATCHER_DEFAULT = "dispatcher.default";

    /**
     * Validates the settings.
     *
     * @param name the system's name, non-empty
     * @param dispatcherThreads 1..1024
     * @param throughput 1..1000000
     * @param spinMicros 0..100000
     * @param mailboxFactory a factory name, or empty
     * @param dispatcher a dispatcher factory name, or empty
     * @param shutdown the coordinated shutdown's settings
     * @throws InvalidConfigurationException if a value is out of range
     */
    public ActorSystemConfig {
        Objects.requireNonNull(shutdown, "shutdown");
        Objects.requireNonNull(name, NAME);
        Objects.requireNonNull(mailboxFactory, MAILBOX_FACTORY);
        Objects.requireNonNull(dispatcher, DISPATCHER_DEFAULT);
        if (name.isBlank()) {
            throw new InvalidConfigurationException(NAME + " must not be blank");
        }
        check(DISPATCHER_THREADS, dispatcherThreads, 1, 1024);
        check(DISPATCHER_THROUGHPUT, throughput, 1, 1_000_000);
        check(DISPATCHER_SPIN_MICROS, spinMicros, 0, 100_000);
    }

    /**
     * Settings with the default coordinated shutdown.
     *
     * @param name the system's name, non-empty
     * @param dispatcherThreads 1..1024
     * @param throughput 1..1000000
     * @param spinMicros 0..100000
     * @param mailboxFactory a factory name, or empty
     * @param dispatcher a dispatcher factory name, or empty
     * @throws InvalidConfigurationException if a value is out of range
     */
    public ActorSystemConfig(String name, int dispatcherThreads, int throughput, int spinMicros,
            String mailboxFactory, String dispatcher) {
        this(name, dispatcherThreads, throughput, spinMicros, mailboxFactory, dispatcher, ShutdownSettings.defaults());
    }

    /**
     * Settings with the default dispatcher.
     *
     * @param name the system's name, non-empty
     * @param dispatcherThreads 1..1024
     * @param throughput 1..1000000
     * @param spinMicros 0..100000
     * @param mailboxFactory a factory name, or empty
     * @throws InvalidConfigurationException if a value is out of range
     */
    public ActorSystemConfig(String name, int dispatcherThreads, int throughput, int spinMicros,
            String mailboxFactory) {
        this(name, dispatcherThreads, throughput, spinMicros, mailboxFactory, "");
    }

    /**
     * The defaults.
     *
     * @return the defaults
     */
    public static ActorSystemConfig defaults() {
        return new ActorSystemConfig("hyphae", Runtime.getRuntime().availableProcessors(), 100, 20, "", "");
    }

    /**
     * Reads settings from a map of keys to values (strings or numbers), as ConfigAdmin
     * passes them; missing keys keep their defaults and unknown keys are ignored.
     *
     * @param properties the settings
     * @return the configuration
     * @throws InvalidConfigurationException if a value is malformed or out of range
     */
    public static ActorSystemConfig fromMap(Map<String, ?> properties) {
        ActorSystemConfig d = defaults();
        return new ActorSystemConfig(
                string(properties, NAME, d.name()),
                integer(properties, DISPATCHER_THREADS, d.dispatcherThreads()),
                integer(properties, DISPATCHER_THROUGHPUT, d.throughput()),
                integer(properties, DISPATCHER_SPIN_MICROS, d.spinMicros()),
                string(properties, MAILBOX_FACTORY, d.mailboxFactory()),
                string(properties, DISPATCHER_DEFAULT, d.dispatcher()),
                shutdown(properties));
    }

    private static ShutdownSettings shutdown(Map<String, ?> properties) {
        EnumMap<ShutdownPhase, Duration> timeouts = new EnumMap<>(ShutdownPhase.class);
        for (ShutdownPhase p : ShutdownPhase.values()) {
            int ms = integer(properties, p.timeoutKey(), (int) p.defaultTimeout().toMillis());
            check(p.timeoutKey(), ms, 0, (int) ShutdownSettings.MAX_TIMEOUT.toMillis());
            timeouts.put(p, Duration.ofMillis(ms));
        }
        Object hook = properties.get(ShutdownSettings.JVM_HOOK);
        boolean jvmHook = true;
        if (hook != null) {
            String v = hook.toString().trim();
            if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
                jvmHook = Boolean.parseBoolean(v);
            } else {
                throw new InvalidConfigurationException(ShutdownSettings.JVM_HOOK + " must be true or false, was '"
                        + hook + "'");
            }
        }
        return new ShutdownSettings(timeouts, jvmHook);
    }

    /**
     * Reads settings from system properties named {@value #SYSTEM_PROPERTY_PREFIX} + key.
     *
     * @return the configuration
     * @throws InvalidConfigurationException if a value is malformed or out of range
     */
    public static ActorSystemConfig fromSystemProperties() {
        Properties system = System.getProperties();
        Map<String, Object> map = new HashMap<>();
        for (String key : system.stringPropertyNames()) {
            if (key.startsWith(SYSTEM_PROPERTY_PREFIX)) {
                map.put(key.substring(SYSTEM_PROPERTY_PREFIX.length()), system.getProperty(key));
            }
        }
        return fromMap(map);
    }

    /**
     * With another name.
     *
     * @param newName the name
     * @return new settings
     */
    public ActorSystemConfig withName(String newName) {
        return new ActorSystemConfig(newName, dispatcherThreads, throughput, spinMicros, mailboxFactory,
                dispatcher, shutdown);
    }

    /**
     * With another thread count.
     *
     * @param threads 1..1024
     * @return new settings
     */
    public ActorSystemConfig withDispatcherThreads(int threads) {
        return new ActorSystemConfig(name, threads, throughput, spinMicros, mailboxFactory,
                dispatcher, shutdown);
    }

    /**
     * With another default throughput.
     *
     * @param newThroughput 1..1000000
     * @return new settings
     */
    public ActorSystemConfig withThroughput(int newThroughput) {
        return new ActorSystemConfig(name, dispatcherThreads, newThroughput, spinMicros, mailboxFactory,
                dispatcher, shutdown);
    }

    /**
     * With another idle spin time.
     *
     * @param micros 0..100000
     * @return new settings
     */
    public ActorSystemConfig withSpinMicros(int micros) {
        return new ActorSystemConfig(name, dispatcherThreads, throughput, micros, mailboxFactory,
                dispatcher, shutdown);
    }

    /**
     * With a preferred mailbox factory.
     *
     * @param factoryName a factory name, or empty for the best ranked
     * @return new settings
     */
    public ActorSystemConfig withMailboxFactory(String factoryName) {
        return new ActorSystemConfig(name, dispatcherThreads, throughput, spinMicros, factoryName,
                dispatcher, shutdown);
    }

    /**
     * With another default dispatcher.
     *
     * @param factoryName a dispatcher factory name, or empty for {@code affinity}
     * @return new settings
     */
    public ActorSystemConfig withDispatcher(String factoryName) {
        return new ActorSystemConfig(name, dispatcherThreads, throughput, spinMicros, mailboxFactory,
                factoryName, shutdown);
    }

    /**
     * With other coordinated shutdown settings.
     *
     * @param settings the timeouts and JVM hook
     * @return new settings
     */
    public ActorSystemConfig withShutdown(ShutdownSettings settings) {
        return new ActorSystemConfig(name, dispatcherThreads, throughput, spinMicros, mailboxFactory, dispatcher,
                Objects.requireNonNull(settings, "settings"));
    }

    private static void check(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new InvalidConfigurationException(
                    key + " must be in " + min + ".." + max + ", was " + value);
        }
    }

    private static String string(Map<String, ?> map, String key, String fallback) {
        Object v = map.get(key);
        return v == null ? fallback : v.toString().trim();
    }

    private static int integer(Map<String, ?> map, String key, int fallback) {
        Object v = map.get(key);
        if (v == null) {
            return fallback;
        }
        if (v instanceof Number n) {
            long l = n.longValue();
            if (l != n.doubleValue() || l < Integer.MIN_VALUE || l > Integer.MAX_VALUE) {
                throw new InvalidConfigurationException(key + " must be an integer, was " + v);
            }
            return (int) l;
        }
        try {
            return Integer.parseInt(v.toString().trim());
        } catch (NumberFormatException e) {
            throw new InvalidConfigurationException(key + " must be an integer, was '" + v + "'", e);
        }
    }
}
