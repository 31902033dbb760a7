package io.hyphae.launcher;

import io.hyphae.api.supervision.DeclaredActor;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.Console;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The Hyphae container: Apache Felix with SCR, ConfigAdmin, FileInstall, the Gogo shell and
 * every bundle of {@code bundle/}. Configuration files in {@code conf/} and bundles dropped
 * into {@code deploy/} are picked up while it runs. It runs {@code conf/startup.gosh}, then
 * opens the shell on a terminal; without a terminal it runs the commands it reads from
 * standard input and stops when that ends. Ctrl-C stops the framework cleanly.
 *
 * <p>Options: {@code -Dhyphae.home=DIR} (default: the folder of this jar).
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);
    private static final String SLF4J_VERSION = "2.0.17";
    private static final long WAIT_MILLIS = 30_000;
    /** How long the declared actors of deploy/ must stay unchanged before the container waits for them. */
    private static final long DECLARATIONS_SETTLE_MILLIS = 250;
    /** Started once the other bundles run: it owns the terminal. */
    private static final String SHELL_BUNDLE = "org.apache.felix.gogo.shell";
    private static final String PROCESSOR = "org.apache.felix.service.command.CommandProcessor";
    private static final String SESSION = "org.apache.felix.service.command.CommandSession";
    /** By name: the launcher's own class path need not hold the API (DeclaredActor's keys are constants). */
    private static final String ACTOR_FACTORY = "io.hyphae.api.ActorFactory";

    private final Path home;
    private final boolean interactive;
    private final PrintStream out;
    private Framework framework;

    private Main(Path home, boolean interactive, PrintStream out) {
        this.home = home;
        this.interactive = interactive;
        this.out = out;
    }

    /**
     * Starts the container and returns when the framework has stopped.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        int status;
        try {
            Main main = new Main(home(), isTerminal(), System.out);
            status = main.run(System.in);
        } catch (Exception e) {
            LOG.error("the container failed: {}", e.toString(), e);
            status = 1;
        }
        System.exit(status);
    }

    private static Path home() throws URISyntaxException {
        String h = System.getProperty("hyphae.home");
        if (h != null) {
            return Path.of(h).toAbsolutePath();
        }
        Path jar = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return jar.getParent().toAbsolutePath();
    }

    /** Whether standard input and output are a terminal (JDK 22+ has a Console otherwise too). */
    private static boolean isTerminal() {
        Console c = System.console();
        if (c == null) {
            return false;
        }
        try {
            return (Boolean) Console.class.getMethod("isTerminal").invoke(c);
        } catch (ReflectiveOperationException e) {
            return true;
        }
    }

    private int run(InputStream in) throws Exception {
        Path bundleDir = home.resolve("bundle");
        if (!Files.isDirectory(bundleDir)) {
            throw new IllegalStateException("no bundle folder at " + bundleDir + "; set -Dhyphae.home");
        }
        Files.createDirectories(home.resolve("deploy"));
        Files.createDirectories(home.resolve("conf"));
        framework = ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow(
                () -> new IllegalStateException("no OSGi framework on the class path")).newFramework(properties());
        Thread hook = new Thread(this::stopFramework, "hyphae-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            framework.start();
            BundleContext context = framework.getBundleContext();
            int failed = startBundles(context, bundleDir);
            awaitConfiguration(context);
            watchDeployFolder(context);
            Object processor = await(context, PROCESSOR);
            failed += awaitDeployed(context, processor);
            if (!interactive) {
                // Without a terminal the shell bundle only adds its built-in commands.
                start(context, SHELL_BUNDLE);
            }
            failed += runScript(processor, home.resolve("conf").resolve("startup.gosh"));
            if (interactive) {
                start(context, SHELL_BUNDLE);
                framework.waitForStop(0);
            } else {
                failed += runCommands(processor, in);
            }
            return failed == 0 ? 0 : 1;
        } finally {
            stopFramework();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is running or has run
            }
        }
    }

    private Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        p.put("org.osgi.framework.storage", home.resolve("data").resolve("felix-cache").toString());
        p.put("org.osgi.framework.storage.clean", "onFirstInit");
        // SLF4J is on the launcher's class path: bundles share it through the system bundle.
        StringBuilder slf4j = new StringBuilder();
        for (String pkg : List.of("org.slf4j", "org.slf4j.event", "org.slf4j.helpers", "org.slf4j.spi")) {
            slf4j.append(slf4j.length() == 0 ? "" : ",").append(pkg).append(";version=").append(SLF4J_VERSION);
        }
        p.put("org.osgi.framework.system.packages.extra", slf4j.toString());
        p.put("felix.fileinstall.dir", home.resolve("conf").toString());
        p.put("felix.fileinstall.filter", ".*\\.(cfg|config)");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.log.level", "2");
        // conf/ is edited by hand: never write configuration back into it (FileInstall's
        // write-back keeps only the header comment of a .cfg file).
        p.put("felix.fileinstall.enableConfigSave", "false");
        // The shell bundle always runs "gosh --login" plus these arguments.
        p.put("gosh.args", interactive ? "" : "--nointeractive --noshutdown");
        p.put("gosh.home", home.toString());
        p.put("hyphae.home", home.toString());
        for (String key : System.getProperties().stringPropertyNames()) {
            if (key.startsWith("felix.") || key.startsWith("org.osgi.") || key.startsWith("gosh.")) {
                p.put(key, System.getProperty(key));
            }
        }
        return p;
    }

    /**
     * Installs every jar of the bundle folder, then starts ConfigAdmin and FileInstall
     * (so the configuration is in place before components activate), then the rest but
     * the shell. Returns how many bundles failed to start.
     */
    private int startBundles(BundleContext context, Path dir) throws IOException, BundleException {
        List<Bundle> installed = new ArrayList<>();
        try (Stream<Path> jars = Files.list(dir)) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                installed.add(context.installBundle(jar.toUri().toString()));
            }
        }
        int failed = 0;
        for (String first : List.of("org.apache.felix.configadmin", "org.apache.felix.fileinstall")) {
            failed += start(context, first) ? 0 : 1;
        }
        for (Bundle b : installed) {
            if (b.getHeaders().get("Fragment-Host") == null && !SHELL_BUNDLE.equals(b.getSymbolicName())
                    && b.getState() != Bundle.ACTIVE) {
                try {
                    b.start();
                } catch (BundleException e) {
                    failed++;
                    LOG.error("bundle {} did not start: {}", b.getSymbolicName(), e.getMessage());
                }
            }
        }
        LOG.info("{} bundles installed from {}, {} failed to start", installed.size(), dir, failed);
        return failed;
    }

    private static boolean start(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName())) {
                try {
                    b.start();
                    return true;
                } catch (BundleException e) {
                    LOG.error("bundle {} did not start: {}", symbolicName, e.getMessage());
                    return false;
                }
            }
        }
        LOG.warn("bundle {} is not installed", symbolicName);
        return false;
    }

    /**
     * Waits until ConfigAdmin holds a configuration for every {@code conf/PID.cfg}, so the
     * runtime starts with its configured thread count instead of being reconfigured later.
     */
    private void awaitConfiguration(BundleContext context) throws Exception {
        List<String> pids = new ArrayList<>();
        try (Stream<Path> files = Files.list(home.resolve("conf"))) {
            for (Path f : files.toList()) {
                String n = f.getFileName().toString();
                if (n.endsWith(".cfg") && !n.contains("-")) {
                    pids.add(n.substring(0, n.length() - 4));
                }
            }
        }
        Object admin = await(context, "org.osgi.service.cm.ConfigurationAdmin");
        Method list = api(admin, "org.osgi.service.cm.ConfigurationAdmin").getMethod("listConfigurations", String.class);
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        for (String pid : pids) {
            while (list.invoke(admin, "(service.pid=" + pid + ")") == null) {
                if (System.currentTimeMillis() > deadline) {
                    LOG.warn("configuration {} was not loaded from conf/ within {} ms", pid, WAIT_MILLIS);
                    break;
                }
                Thread.sleep(20);
            }
        }
    }

    /** A second FileInstall watcher, on {@code deploy/}: bundles dropped there are installed and started. */
    private void watchDeployFolder(BundleContext context) throws Exception {
        Object admin = await(context, "org.osgi.service.cm.ConfigurationAdmin");
        Class<?> api = api(admin, "org.osgi.service.cm.ConfigurationAdmin");
        Object config = api.getMethod("getFactoryConfiguration", String.class, String.class, String.class)
                .invoke(admin, "org.apache.felix.fileinstall", "deploy", null);
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("felix.fileinstall.dir", home.resolve("deploy").toString());
        p.put("felix.fileinstall.filter", ".*\\.jar");
        p.put("felix.fileinstall.poll", "1000");
        p.put("felix.fileinstall.noInitialDelay", "true");
        p.put("felix.fileinstall.log.level", "2");
        config.getClass().getMethod("update", Dictionary.class).invoke(config, p);
    }

    /**
     * Waits, within the start-up wait, until every bundle in {@code deploy/} is active and the
     * actors it declares run, so that {@code startup.gosh} and piped commands never race with
     * them. Returns how many bundles or actors did not come up.
     */
    private int awaitDeployed(BundleContext context, Object processor) throws Exception {
        List<String> names = new ArrayList<>();
        try (Stream<Path> jars = Files.list(home.resolve("deploy"))) {
            for (Path jar : jars.filter(j -> j.toString().endsWith(".jar")).sorted().toList()) {
                try (JarFile jf = new JarFile(jar.toFile())) {
                    String bsn = jf.getManifest() == null ? null
                            : jf.getManifest().getMainAttributes().getValue("Bundle-SymbolicName");
                    if (bsn != null) {
                        names.add(bsn.split(";")[0].trim());
                    }
                } catch (IOException e) {
                    LOG.warn("deploy/{} is not a readable jar: {}", jar.getFileName(), e.getMessage());
                }
            }
        }
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        int failed = 0;
        List<Bundle> deployed = new ArrayList<>();
        for (String bsn : names) {
            Bundle b;
            while ((b = active(context, bsn)) == null && System.currentTimeMillis() < deadline) {
                Thread.sleep(20);
            }
            if (b == null) {
                LOG.warn("bundle {} from deploy/ is not active after {} ms", bsn, WAIT_MILLIS);
                failed++;
            } else {
                deployed.add(b);
            }
        }
        // Components register their services shortly after their bundle starts: wait until
        // the declared actors have stayed the same for a moment.
        Set<String> paths = declaredPaths(deployed);
        long stableSince = System.currentTimeMillis();
        while (System.currentTimeMillis() - stableSince < DECLARATIONS_SETTLE_MILLIS
                && System.currentTimeMillis() < deadline) {
            Thread.sleep(20);
            Set<String> again = declaredPaths(deployed);
            if (!again.equals(paths)) {
                paths = again;
                stableSince = System.currentTimeMillis();
            }
        }
        if (!paths.isEmpty()) {
            long seconds = Math.max(1, (deadline - System.currentTimeMillis()) / 1000);
            String command = "hyphae:await --timeout " + seconds + " " + String.join(" ", paths) + "\n";
            failed += runCommands(processor, new ByteArrayInputStream(command.getBytes(StandardCharsets.UTF_8)));
        }
        return failed;
    }

    private static Bundle active(BundleContext context, String symbolicName) {
        for (Bundle b : context.getBundles()) {
            if (symbolicName.equals(b.getSymbolicName()) && b.getState() == Bundle.ACTIVE) {
                return b;
            }
        }
        return null;
    }

    /** The paths of the actors these bundles declare as {@code ActorFactory} services. */
    private static Set<String> declaredPaths(List<Bundle> bundles) {
        Set<String> paths = new TreeSet<>();
        for (Bundle b : bundles) {
            ServiceReference<?>[] refs = b.getState() == Bundle.ACTIVE ? b.getRegisteredServices() : null;
            for (ServiceReference<?> r : refs == null ? new ServiceReference<?>[0] : refs) {
                Object name = r.getProperty(DeclaredActor.NAME);
                String[] types = (String[]) r.getProperty(Constants.OBJECTCLASS);
                if (name != null && List.of(types).contains(ACTOR_FACTORY)) {
                    Object supervisor = r.getProperty(DeclaredActor.SUPERVISOR);
                    paths.add((supervisor == null ? DeclaredActor.DEFAULT_SUPERVISOR : supervisor) + "/" + name);
                }
            }
        }
        return paths;
    }

    private int runScript(Object processor, Path script) throws Exception {
        if (!Files.isRegularFile(script)) {
            return 0;
        }
        try (InputStream in = Files.newInputStream(script)) {
            return runCommands(processor, in);
        }
    }

    /** Runs one command per line (blank lines and {@code #} comments skipped); returns how many failed. */
    private int runCommands(Object processor, InputStream in) throws Exception {
        Class<?> processorApi = api(processor, PROCESSOR);
        Object session = processorApi.getMethod("createSession", InputStream.class, OutputStream.class,
                OutputStream.class).invoke(processor, InputStream.nullInputStream(), out, out);
        Class<?> sessionApi = processorApi.getClassLoader().loadClass(SESSION);
        Method execute = sessionApi.getMethod("execute", CharSequence.class);
        Method format = sessionApi.getMethod("format", Object.class, int.class);
        int failed = 0;
        try {
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null;) {
                String command = line.strip();
                if (command.isEmpty() || command.startsWith("#")) {
                    continue;
                }
                out.println("g! " + command);
                try {
                    Object result = execute.invoke(session, command);
                    if (result != null) {
                        CharSequence text = result instanceof CharSequence cs ? cs
                                : (CharSequence) format.invoke(session, result, 1);
                        out.print(text);
                        if (text.length() > 0 && text.charAt(text.length() - 1) != '\n') {
                            out.println();
                        }
                    }
                } catch (InvocationTargetException e) {
                    failed++;
                    Throwable cause = e.getCause();
                    out.println("error: " + (cause.getMessage() == null ? cause.toString() : cause.getMessage()));
                }
                out.flush();
            }
        } finally {
            sessionApi.getMethod("close").invoke(session);
        }
        return failed;
    }

    /** The interface a service implements, as its own bundle loads it. */
    private static Class<?> api(Object service, String name) throws ClassNotFoundException {
        for (Class<?> c = service.getClass(); c != null; c = c.getSuperclass()) {
            for (Class<?> i : c.getInterfaces()) {
                if (i.getName().equals(name)) {
                    return i;
                }
            }
        }
        throw new ClassNotFoundException(name + " is not implemented by " + service.getClass());
    }

    private static Object await(BundleContext context, String service) throws InterruptedException {
        long deadline = System.currentTimeMillis() + WAIT_MILLIS;
        for (;;) {
            ServiceReference<?> ref = context.getServiceReference(service);
            if (ref != null) {
                Object s = context.getService(ref);
                if (s != null) {
                    return s;
                }
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("no " + service + " service after " + WAIT_MILLIS + " ms");
            }
            Thread.sleep(20);
        }
    }

    private synchronized void stopFramework() {
        Framework f = framework;
        if (f == null || (f.getState() & (Bundle.STARTING | Bundle.ACTIVE | Bundle.STOPPING)) == 0) {
            return;
        }
        try {
            f.stop();
            if (f.waitForStop(WAIT_MILLIS).getType() == org.osgi.framework.FrameworkEvent.WAIT_TIMEDOUT) {
                LOG.warn("the framework did not stop within {} ms", WAIT_MILLIS);
            }
        } catch (BundleException | InterruptedException e) {
            LOG.warn("stopping the framework failed: {}", e.toString());
        }
    }
}
