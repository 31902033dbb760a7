package io.hyphae.perf.workload;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Upgrade;
import io.hyphae.perf.upgrade.PauseProbe;
import io.hyphae.perf.upgrade.PauseProbeActivator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * The pause of a live code upgrade: how long an actor with a full mailbox handles no message
 * while its code is replaced, through the API or by updating the bundle that declares it.
 */
public final class UpgradeWorkloads {

    /** Messages queued behind the held actor when its code is replaced. */
    public static final int QUEUED = 10_000;
    /** Messages queued in a quick run. */
    public static final int QUICK_QUEUED = 1_000;

    private static final Long TICK = 1L;

    private UpgradeWorkloads() {
    }

    /** What replaces the code. */
    public enum Change {
        /** Nothing: the baseline, the same hold and release without an upgrade. */
        NONE,
        /** {@code ActorSystem.upgrade}. */
        API,
        /** An update of the bundle that declares the actor (needs a container with the supervision bundle). */
        BUNDLE;

        /** @return the name as a benchmark parameter */
        public String param() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /**
     * One operation: the probe is held inside a message (spinning, so that letting it go
     * wakes no thread) while {@code queued} messages are queued behind it and its upgrade is
     * requested (untimed); then it is let go, and the operation lasts until it has handled
     * its first message with the new code. The same with {@link Change#NONE} gives the
     * baseline: release and one message. For a
     * bundle update, the update runs on a thread of its own and the probe is let go once the
     * new revision's service is back and the update waits for the upgrade; the rest of the
     * update machinery (stop, resolve, start) runs untimed, while an unheld actor would keep
     * handling messages with its old code. Checks that every message was handled once and
     * that each operation replaced the code once.
     */
    public static final class Pause implements Bench {
        private final ActorSystem system;
        private final Change change;
        private final int queued;
        private final BundleHost host;
        private final AtomicLongArray signals = new AtomicLongArray(3);
        private final ActorRef<Object> probe;
        private final byte[][] jars;
        private final long bundle;
        private AtomicInteger hold;
        private long ticks;
        private long rounds;
        private long handledBefore;
        private long upgradesBefore;
        private CompletableFuture<Upgrade> stage;
        private Thread updater;
        private volatile Exception updateFailure;

        /**
         * Starts the probe.
         *
         * @param system the system (the container's, for a bundle update)
         * @param change what replaces the code
         * @param queued messages queued at each replacement
         * @param host installs the probe's bundle; required for {@link Change#BUNDLE}
         * @throws Exception if the probe does not start
         */
        public Pause(ActorSystem system, Change change, int queued, BundleHost host) throws Exception {
            this.system = system;
            this.change = change;
            this.queued = queued;
            this.host = host;
            if (change == Change.BUNDLE) {
                if (host == null) {
                    throw new IllegalArgumentException("a bundle update needs a container");
                }
                jars = new byte[][] {probeBundle("1.0.0"), probeBundle("2.0.0")};
                bundle = host.install("hyphae-perf-upgrade-probe-" + System.nanoTime(), jars[0]);
                String path = PauseProbe.GROUP + "/" + PauseProbe.NAME;
                Waits.spinUntil(() -> system.find(path).isPresent(), "the probe declared by its bundle");
                probe = system.<Object>find(path).orElseThrow();
            } else {
                jars = null;
                bundle = -1;
                probe = system.spawn(PauseProbe.factory(), SupervisionWorkloads.name("upgrade-probe"));
            }
            probe.tell(signals);
        }

        @Override
        public void beforeInvocation() throws Exception {
            hold = new AtomicInteger();
            probe.tell(hold);
            Waits.spinUntil(() -> hold.get() == 1, "the probe to take the hold");
            for (int i = 0; i < queued; i++) {
                probe.tell(TICK);
            }
            ticks += queued;
            handledBefore = signals.get(0);
            upgradesBefore = signals.get(1);
            rounds++;
            if (change == Change.API) {
                stage = system.upgrade(probe, PauseProbe.factory(), "v" + rounds).toCompletableFuture();
            } else if (change == Change.BUNDLE) {
                byte[] jar = jars[(int) (rounds % 2)];
                updateFailure = null;
                updater = new Thread(() -> {
                    try {
                        host.update(bundle, jar);
                    } catch (Exception e) {
                        updateFailure = e;
                    }
                }, "perf-bundle-update");
                updater.start();
                // The update waits for the upgrade, which waits for the hold: once the new
                // revision serves and the updater waits, the upgrade is queued.
                Waits.spinUntil(() -> !updater.isAlive() || host.serving(bundle)
                        && updater.getState() == Thread.State.TIMED_WAITING, "the new revision's service");
                Thread.sleep(2);
            }
        }

        @Override
        public double invoke() throws Exception {
            hold.set(2);
            if (change == Change.NONE) {
                Waits.spinUntil(() -> signals.get(0) > handledBefore, "the first message after the hold");
            } else {
                Waits.spinUntil(() -> signals.get(1) > upgradesBefore, "the first message with the new code");
            }
            return 1;
        }

        @Override
        public void afterInvocation() throws Exception {
            if (stage != null) {
                Waits.await(stage, "an upgrade");
                stage = null;
            }
            if (updater != null) {
                updater.join(TimeUnit.SECONDS.toMillis(Waits.SECONDS));
                updater = null;
                if (updateFailure != null) {
                    throw updateFailure;
                }
            }
            Waits.spinUntil(() -> signals.get(0) == ticks, "the queued messages");
        }

        @Override
        public void verify() {
            long upgrades = change == Change.NONE ? 0 : rounds;
            if (signals.get(0) != ticks || signals.get(1) != upgrades) {
                throw new IllegalStateException(ticks + " messages sent and " + upgrades + " upgrades, but "
                        + signals.get(0) + " handled and " + signals.get(1) + " upgrades seen");
            }
        }

        @Override
        public void tearDown() throws Exception {
            if (change == Change.BUNDLE) {
                host.uninstall(bundle);
            } else {
                system.stop(probe);
                Waits.await(system.whenTerminated(probe), "the probe's stop");
            }
        }
    }

    /**
     * The probe as a bundle: {@link PauseProbe} and {@link PauseProbeActivator}, which declares it.
     *
     * @param version its Bundle-Version
     * @return the jar's bytes
     * @throws IOException if a class file cannot be read
     */
    static byte[] probeBundle(String version) throws IOException {
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "io.hyphae.perf.upgrade.probe");
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Activator", PauseProbeActivator.class.getName());
        a.putValue("Import-Package", "io.hyphae.api;version=\"[1.2,2)\",io.hyphae.api.supervision;version=\"[1.2,2)\","
                + "org.osgi.framework");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JarOutputStream jar = new JarOutputStream(bytes, mf)) {
            for (Class<?> c : new Class<?>[] {PauseProbe.class, PauseProbeActivator.class}) {
                String entry = c.getName().replace('.', '/') + ".class";
                try (InputStream in = c.getResourceAsStream(c.getSimpleName() + ".class")) {
                    if (in == null) {
                        throw new IOException("no class file for " + c.getName());
                    }
                    jar.putNextEntry(new JarEntry(entry));
                    in.transferTo(jar);
                    jar.closeEntry();
                }
            }
        }
        return bytes.toByteArray();
    }
}
