package io.hyphae.perf;

import io.hyphae.perf.workload.BundleHost;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;

/**
 * An embedded Felix running the bundles of a folder (the container's {@code bundle/} by
 * default), so benchmarks measure whatever implementations are deployed there. The
 * system bundle exports the API packages, at the versions the API jar declares, and
 * SLF4J: the benchmark and the bundles share those classes, and the API bundle itself is
 * not installed. The shell, FileInstall, the example application and the perf bundle are left out.
 */
final class FelixContainer implements AutoCloseable, BundleHost {

    /** Bundles a benchmark never needs. */
    private static final List<String> SKIPPED = List.of("io.hyphae.api-", "io.hyphae.example-", "io.hyphae.perf-",
            "org.apache.felix.gogo.shell-", "org.apache.felix.fileinstall-");
    private static final Duration WAIT = Duration.ofSeconds(30);

    private final Framework framework;
    private final Path storage;

    /**
     * Boots Felix, starts ConfigAdmin, applies the configurations, then starts the rest, so
     * components activate with their configuration.
     *
     * @param bundles the folder of bundle jars
     * @param configurations PID to properties
     */
    FelixContainer(Path bundles, Map<String, Map<String, Object>> configurations) throws Exception {
        List<Path> jars = new ArrayList<>();
        Path api = null;
        try (Stream<Path> s = Files.list(bundles)) {
            for (Path jar : s.filter(p -> p.toString().endsWith(".jar")).sorted().toList()) {
                String name = jar.getFileName().toString();
                if (name.startsWith("io.hyphae.api-")) {
                    api = jar;
                }
                if (SKIPPED.stream().noneMatch(name::startsWith)) {
                    jars.add(jar);
                }
            }
        }
        if (api == null) {
            throw new IllegalStateException("no io.hyphae.api jar in " + bundles
                    + "; build the container (mvn -B -q install -DskipTests) or set -Dhyphae.perf.bundles");
        }
        storage = Files.createTempDirectory("hyphae-perf-felix");
        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", storage.toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        config.put("org.osgi.framework.system.packages.extra", exports(api)
                + ",org.slf4j;version=2.0.17,org.slf4j.event;version=2.0.17,org.slf4j.helpers;version=2.0.17"
                + ",org.slf4j.spi;version=2.0.17");
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(config);
        framework.start();
        BundleContext context = framework.getBundleContext();
        List<Bundle> installed = new ArrayList<>();
        for (Path jar : jars) {
            installed.add(context.installBundle(jar.toUri().toString()));
        }
        Bundle cm = installed.stream().filter(b -> "org.apache.felix.configadmin".equals(b.getSymbolicName()))
                .findFirst().orElseThrow(() -> new IllegalStateException("ConfigAdmin is not in " + bundles));
        cm.start();
        for (Map.Entry<String, Map<String, Object>> e : configurations.entrySet()) {
            configure(e.getKey(), e.getValue());
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get("Fragment-Host") == null && b.getState() != Bundle.ACTIVE) {
                b.start();
            }
        }
    }

    /** The API jar's Export-Package without its uses directives, for system.packages.extra. */
    private static String exports(Path apiJar) throws IOException {
        try (JarFile jar = new JarFile(apiJar.toFile())) {
            String header = jar.getManifest().getMainAttributes().getValue("Export-Package");
            return header.replaceAll(";uses:=\"[^\"]*\"", "");
        }
    }

    /** Creates or replaces a configuration through ConfigAdmin (whose API the benchmark does not share). */
    void configure(String pid, Map<String, Object> properties) throws Exception {
        Object admin = service("org.osgi.service.cm.ConfigurationAdmin");
        Class<?> api = admin.getClass().getClassLoader().loadClass("org.osgi.service.cm.ConfigurationAdmin");
        Object configuration = api.getMethod("getConfiguration", String.class, String.class).invoke(admin, pid, null);
        Dictionary<String, Object> d = new Hashtable<>(properties);
        Method update = configuration.getClass().getClassLoader().loadClass("org.osgi.service.cm.Configuration")
                .getMethod("update", Dictionary.class);
        update.invoke(configuration, d);
    }

    /** Waits for a service shared through the API packages. */
    <T> T service(Class<T> type) throws InterruptedException {
        return type.cast(service(type.getName()));
    }

    private Object service(String name) throws InterruptedException {
        BundleContext context = framework.getBundleContext();
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (;;) {
            ServiceReference<?> ref = context.getServiceReference(name);
            Object s = ref == null ? null : context.getService(ref);
            if (s != null) {
                return s;
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("no " + name + " service within " + WAIT.toSeconds() + " s");
            }
            Thread.sleep(10);
        }
    }

    @Override
    public long install(String location, byte[] jar) throws BundleException {
        Bundle b = framework.getBundleContext().installBundle(location, new java.io.ByteArrayInputStream(jar));
        b.start();
        return b.getBundleId();
    }

    @Override
    public void update(long id, byte[] jar) throws BundleException {
        framework.getBundleContext().getBundle(id).update(new java.io.ByteArrayInputStream(jar));
    }

    @Override
    public boolean serving(long id) {
        Bundle b = framework.getBundleContext().getBundle(id);
        return b != null && (b.getState() & (Bundle.STARTING | Bundle.ACTIVE)) != 0 && b.getRegisteredServices() != null;
    }

    @Override
    public void uninstall(long id) throws BundleException {
        framework.getBundleContext().getBundle(id).uninstall();
    }

    @Override
    public void close() {
        try {
            framework.stop();
            framework.waitForStop(WAIT.toMillis());
        } catch (BundleException | InterruptedException e) {
            throw new IllegalStateException("the framework did not stop", e);
        } finally {
            try (Stream<Path> s = Files.walk(storage)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException e) {
                // a temporary folder; nothing depends on its removal
            }
        }
    }
}
