package io.hyphae.supervisor.internal.osgi;

import io.hyphae.supervisor.internal.DeclaredActors;
import io.hyphae.supervisor.internal.DeclaredActors.Replacement;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The Gogo command {@code hyphae:update}: updates a bundle, as Gogo's {@code update} does,
 * then waits until each actor the bundle declared was upgraded in place or stopped, and
 * reports what happened to each, with the pause the upgrade cost it.
 */
@Component(service = UpdateCommand.class, property = {"osgi.command.scope=hyphae", "osgi.command.function=update"})
public final class UpdateCommand {

    /** How long past the grace period the command waits for the last actor. */
    private static final long SETTLE_MARGIN_MS = 10_000;
    private static final String ROW = "%-28s %-10s %-16s %-16s %8s %10s%n";

    private final BundleContext context;
    private final DeclaredActors declared;

    /**
     * Made by SCR.
     *
     * @param context this bundle's context
     * @param declared the declared actors
     */
    @Activate
    public UpdateCommand(BundleContext context, @Reference DeclaredActors declared) {
        this.context = context;
        this.declared = declared;
    }

    /**
     * Updates a bundle from its own location.
     *
     * @param bundle its id or symbolic name
     * @return the report
     * @throws Exception if there is no such bundle, or the update fails
     */
    public String update(String bundle) throws Exception {
        return update(bundle, null);
    }

    /**
     * Updates a bundle from a URL.
     *
     * @param bundle its id or symbolic name
     * @param location where the new jar is, or null for the bundle's own location
     * @return the report: the update's time, then one line per actor it declared
     * @throws Exception if there is no such bundle, or the update fails
     */
    public String update(String bundle, String location) throws Exception {
        Bundle b = find(bundle);
        if (b.getBundleId() == 0 || b.getBundleId() == context.getBundle().getBundleId()) {
            throw new IllegalArgumentException("hyphae:update does not update the framework or the supervision "
                    + "bundle itself; use Gogo's update");
        }
        List<String> paths = declared.declaredBy(b.getBundleId());
        Map<String, Replacement> before = new HashMap<>();
        for (String p : paths) {
            declared.lastReplacement(p).ifPresent(r -> before.put(p, r));
        }
        long t0 = System.nanoTime();
        if (location == null) {
            b.update();
        } else {
            try (InputStream in = URI.create(location).toURL().openStream()) {
                b.update(in);
            }
        }
        long updated = System.nanoTime() - t0;
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(declared.graceMillis() + SETTLE_MARGIN_MS);
        Map<String, Replacement> after = new HashMap<>();
        while (after.size() < paths.size() && System.nanoTime() < deadline) {
            for (String p : paths) {
                declared.lastReplacement(p).filter(r -> r != before.get(p)).ifPresent(r -> after.put(p, r));
            }
            if (after.size() < paths.size()) {
                Thread.sleep(5);
            }
        }
        StringBuilder sb = new StringBuilder(String.format("updated bundle %s [%d] in %d ms; %d declared actors%n",
                b.getSymbolicName(), b.getBundleId(), TimeUnit.NANOSECONDS.toMillis(updated), paths.size()));
        if (!paths.isEmpty()) {
            sb.append(String.format(ROW, "ACTOR", "OUTCOME", "FROM", "TO", "QUEUED", "PAUSE"));
        }
        for (String p : paths) {
            Replacement r = after.get(p);
            if (r == null) {
                sb.append(String.format(ROW, p, "pending", "", "", "", ""));
            } else if (r.upgrade() == null) {
                sb.append(String.format(ROW, p, r.outcome(), "", "", "", ""));
            } else {
                sb.append(String.format(ROW, p, r.outcome(), r.upgrade().fromVersion(), r.upgrade().toVersion(),
                        r.upgrade().queued(), r.upgrade().pause().toNanos() / 1000 + " µs"));
            }
        }
        return sb.toString();
    }

    private Bundle find(String bundle) throws BundleException {
        if (bundle == null || bundle.isBlank()) {
            throw new IllegalArgumentException("name a bundle by id or symbolic name");
        }
        if (bundle.chars().allMatch(Character::isDigit)) {
            Bundle b = context.getBundle(Long.parseLong(bundle));
            if (b != null) {
                return b;
            }
        } else {
            for (Bundle b : context.getBundles()) {
                if (bundle.equals(b.getSymbolicName())) {
                    return b;
                }
            }
        }
        throw new IllegalArgumentException("no bundle '" + bundle + "'; lb lists them");
    }
}
