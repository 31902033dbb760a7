package io.hyphae.supervisor.internal.osgi;

import io.hyphae.api.supervision.ChildInfo;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorEvent;
import io.hyphae.api.supervision.SupervisorSpec;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The supervision bundle's Gogo command, {@code hyphae:supervisors}: the live supervisors
 * with their children by state, and the event counts since start.
 */
@Component(service = SupervisionCommands.class,
        property = {"osgi.command.scope=hyphae", "osgi.command.function=supervisors"})
public final class SupervisionCommands {

    private static final long ASK_TIMEOUT_MILLIS = 2_000;
    private static final String ROW = "%-40s %-16s %-18s %8s %11s %11s%n";

    @Reference
    private Supervision supervision;

    /** For SCR. */
    public SupervisionCommands() {
    }

    /**
     * The live supervisors: strategy, restart intensity and their children's states; then
     * the supervision events counted since start.
     *
     * @return the text
     * @throws InterruptedException if interrupted while a supervisor answers
     */
    public String supervisors() throws InterruptedException {
        StringBuilder sb = new StringBuilder(String.format(ROW, "SUPERVISOR", "STRATEGY", "INTENSITY", "RUNNING",
                "RESTARTING", "TERMINATED"));
        for (Supervisor sup : supervision.supervisors()) {
            String strategy = "?";
            String intensity = "?";
            Optional<SupervisorSpec> spec = sup.spec();
            if (spec.isPresent()) {
                strategy = spec.get().strategy().name().toLowerCase(Locale.ROOT);
                intensity = spec.get().intensity() + " in " + spec.get().period().toMillis() + " ms";
            }
            int[] counts = new int[ChildInfo.State.values().length];
            try {
                List<ChildInfo> children = sup.whichChildren().toCompletableFuture()
                        .get(ASK_TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                for (ChildInfo c : children) {
                    counts[c.state().ordinal()]++;
                }
            } catch (TimeoutException | ExecutionException e) {
                strategy += " (busy)";
            }
            sb.append(String.format(ROW, sup.ref().path(), strategy, intensity,
                    counts[ChildInfo.State.RUNNING.ordinal()], counts[ChildInfo.State.RESTARTING.ordinal()],
                    counts[ChildInfo.State.TERMINATED.ordinal()]));
        }
        sb.append('\n');
        for (Map.Entry<SupervisorEvent.Kind, Long> e : supervision.metrics().counts().entrySet()) {
            sb.append(String.format("%-28s %d%n", e.getKey().name().toLowerCase(Locale.ROOT).replace('_', ' '),
                    e.getValue()));
        }
        return sb.toString();
    }
}
