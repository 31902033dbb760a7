package io.hyphae.api.shutdown;

import io.hyphae.api.InvalidConfigurationException;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * The coordinated shutdown's settings, part of the system's configuration: a timeout per
 * phase (key {@link ShutdownPhase#timeoutKey()}, 0..3600000 ms) and whether the JVM's exit
 * runs the shutdown (key {@value #JVM_HOOK}, default true).
 *
 * @param timeouts a timeout per phase; missing phases take their default
 * @param jvmHook whether a JVM shutdown hook runs the shutdown
 */
public record ShutdownSettings(Map<ShutdownPhase, Duration> timeouts, boolean jvmHook) {

    /** Key of {@link #jvmHook()}. */
    public static final String JVM_HOOK = "shutdown.jvmHook";
    /** The longest timeout a phase may have: one hour. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(1);

    /**
     * Fills in the defaults and checks the ranges.
     *
     * @param timeouts a timeout per phase
     * @param jvmHook whether a JVM shutdown hook runs the shutdown
     * @throws InvalidConfigurationException if a timeout is negative or over an hour
     */
    public ShutdownSettings {
        EnumMap<ShutdownPhase, Duration> all = new EnumMap<>(ShutdownPhase.class);
        for (ShutdownPhase p : ShutdownPhase.values()) {
            Duration d = Objects.requireNonNull(timeouts, "timeouts").getOrDefault(p, p.defaultTimeout());
            if (d == null || d.isNegative() || d.compareTo(MAX_TIMEOUT) > 0) {
                throw new InvalidConfigurationException(p.timeoutKey() + " must be in 0.."
                        + MAX_TIMEOUT.toMillis() + " ms, was " + (d == null ? "null" : d.toMillis()));
            }
            all.put(p, d);
        }
        timeouts = Map.copyOf(all);
    }

    /**
     * The defaults: each phase's {@link ShutdownPhase#defaultTimeout()}, with the JVM hook.
     *
     * @return the defaults
     */
    public static ShutdownSettings defaults() {
        return new ShutdownSettings(Map.of(), true);
    }

    /**
     * The timeout of one phase.
     *
     * @param phase the phase
     * @return its timeout
     */
    public Duration timeout(ShutdownPhase phase) {
        return timeouts.get(Objects.requireNonNull(phase, "phase"));
    }

    /**
     * With another timeout for one phase.
     *
     * @param phase the phase
     * @param timeout 0 to one hour
     * @return new settings
     * @throws InvalidConfigurationException if the timeout is out of range
     */
    public ShutdownSettings withTimeout(ShutdownPhase phase, Duration timeout) {
        EnumMap<ShutdownPhase, Duration> m = new EnumMap<>(timeouts);
        m.put(Objects.requireNonNull(phase, "phase"), Objects.requireNonNull(timeout, "timeout"));
        return new ShutdownSettings(m, jvmHook);
    }

    /**
     * With or without the JVM shutdown hook.
     *
     * @param hook whether the JVM's exit runs the shutdown
     * @return new settings
     */
    public ShutdownSettings withJvmHook(boolean hook) {
        return new ShutdownSettings(timeouts, hook);
    }
}
