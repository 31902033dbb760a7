package io.hyphae.api.supervision;

import io.hyphae.api.InvalidConfigurationException;
import java.time.Duration;
import java.util.Objects;

/**
 * How a supervisor stops a child. A JVM thread cannot be killed: a message the child is
 * handling always completes; the shutdown decides whether hooks run and how long the
 * supervisor waits before moving on.
 */
public final class Shutdown {

    /** The kind of shutdown. */
    public enum Kind {
        /** No hooks run (the child's and its descendants'); the supervisor does not wait. */
        BRUTAL,
        /** Hooks run; the supervisor waits up to the timeout, then proceeds as for BRUTAL. */
        TIMEOUT,
        /** Hooks run; the supervisor waits as long as it takes (the default for supervisors). */
        INFINITY
    }

    /** Stop without hooks and without waiting. */
    public static final Shutdown BRUTAL = new Shutdown(Kind.BRUTAL, Duration.ZERO);
    /** Wait as long as the child takes. */
    public static final Shutdown INFINITY = new Shutdown(Kind.INFINITY, null);
    /** OTP's default for workers: five seconds. */
    public static final Shutdown DEFAULT = new Shutdown(Kind.TIMEOUT, Duration.ofSeconds(5));

    private final Kind kind;
    private final Duration timeout;

    private Shutdown(Kind kind, Duration timeout) {
        this.kind = kind;
        this.timeout = timeout;
    }

    /**
     * Wait up to {@code timeout} for the child's hooks, then stop waiting.
     *
     * @param timeout positive
     * @return the shutdown
     * @throws InvalidConfigurationException if not positive
     */
    public static Shutdown timeout(Duration timeout) {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isZero() || timeout.isNegative()) {
            throw new InvalidConfigurationException("shutdown timeout must be positive, was " + timeout
                    + "; use Shutdown.BRUTAL for no wait");
        }
        return new Shutdown(Kind.TIMEOUT, timeout);
    }

    /**
     * The kind.
     *
     * @return the kind
     */
    public Kind kind() {
        return kind;
    }

    /**
     * The timeout for {@link Kind#TIMEOUT}, zero for BRUTAL, null for INFINITY.
     *
     * @return the timeout
     */
    public Duration timeout() {
        return timeout;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shutdown s && s.kind == kind && Objects.equals(s.timeout, timeout);
    }

    @Override
    public int hashCode() {
        return kind.hashCode() * 31 + Objects.hashCode(timeout);
    }

    @Override
    public String toString() {
        return kind == Kind.TIMEOUT ? "Shutdown[" + timeout.toMillis() + " ms]" : "Shutdown[" + kind + "]";
    }
}
