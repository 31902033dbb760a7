package io.hyphae.supervisor.internal;

import io.hyphae.api.ExitReason;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.RestartIntensityExceededException;
import io.hyphae.api.supervision.RestartType;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * Whether a child's exit restarts it: OTP's table, as data. A permanent child is always
 * restarted, a transient one only after a failure, a temporary one never; a failure whose
 * cause the spec excludes restarts nothing. Pure: no actor system needed.
 */
final class RestartPolicy {

    /** For each restart type, the exits that restart the child. */
    static final Map<RestartType, Set<ExitReason>> TABLE = table();

    private RestartPolicy() {
    }

    private static Map<RestartType, Set<ExitReason>> table() {
        EnumMap<RestartType, Set<ExitReason>> t = new EnumMap<>(RestartType.class);
        t.put(RestartType.PERMANENT, EnumSet.allOf(ExitReason.class));
        t.put(RestartType.TRANSIENT, EnumSet.of(ExitReason.FAILURE));
        t.put(RestartType.TEMPORARY, EnumSet.noneOf(ExitReason.class));
        return t;
    }

    /**
     * How an exit counts. A nested supervisor that gave up after too many restarts exits
     * with shutdown, as in OTP: a transient one is not restarted, a permanent one is.
     */
    static ExitReason effectiveExit(ExitReason exit, Throwable cause) {
        return exit == ExitReason.FAILURE && cause instanceof RestartIntensityExceededException
                ? ExitReason.SHUTDOWN : exit;
    }

    /**
     * Whether this exit restarts the child.
     *
     * @param spec the child's spec
     * @param exit how it exited
     * @param cause the failure, for {@link ExitReason#FAILURE}; null otherwise
     */
    static boolean restarts(ChildSpec spec, ExitReason exit, Throwable cause) {
        if (!TABLE.get(spec.restart()).contains(effectiveExit(exit, cause))) {
            return false;
        }
        return exit != ExitReason.FAILURE || spec.restartsOn(cause);
    }
}
