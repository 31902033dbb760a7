package io.hyphae.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.Supplier;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.lang.reflect.Proxy;
import java.lang.reflect.InvocationHandler;
import java.util.ArrayList;
import java.util.Dictionary;
import java.util.HashMap;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.launch.Framework;
import org.osgi.framework.launch.FrameworkFactory;
import org.osgi.service.cm.Configuration;
import org.osgi.service.cm.ConfigurationAdmin;

/**
 * The runtime inside a real Felix with SCR and ConfigAdmin. The API bundle is deployed
 * as a bundle, so this test talks to the ActorSystem service through the API classes the
 * framework loaded, by reflection.
 */
class FelixRuntimeIT {

    private static final Duration WAIT = Duration.ofSeconds(20);

    private Framework framework;
    private BundleContext context;
    private final Map<String, Bundle> bundles = new HashMap<>();

    @BeforeEach
    void startFramework(TestInfo info) throws Exception {
        Path work = Path.of(System.getProperty("hyphae.work.dir", "target/it-work"));
        Map<String, String> config = new HashMap<>();
        config.put("org.osgi.framework.storage", work.resolve("felix-" + info.getTestMethod().orElseThrow().getName())
                .toString());
        config.put("org.osgi.framework.storage.clean", "onFirstInit");
        // SLF4J and the ConfigAdmin API come from the class path, shared with this test.
        config.put("org.osgi.framework.system.packages.extra", "org.slf4j;version=2.0.17,"
                + "org.slf4j.event;version=2.0.17,org.slf4j.helpers;version=2.0.17,org.slf4j.spi;version=2.0.17,"
                + "org.osgi.service.cm;version=1.6.1");
        framework = java.util.ServiceLoader.load(FrameworkFactory.class).findFirst().orElseThrow().newFramework(config);
        framework.start();
        context = framework.getBundleContext();
        List<Path> jars = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("hyphae.it.bundles.dir", "target/it-bundles")))) {
            s.sorted().forEach(jars::add);
        }
        try (Stream<Path> s = Files.list(ModulePathDemoIT.modulesDir())) {
            s.filter(p -> p.getFileName().toString().matches("io\\.hyphae\\.(api|runtime|supervisor|broker)-.*\\.jar")).sorted()
                    .forEach(jars::add);
        }
        for (Path jar : jars) {
            Bundle b = context.installBundle(jar.toUri().toString());
            bundles.put(b.getSymbolicName(), b);
        }
    }

    @AfterEach
    void stopFramework() throws Exception {
        if (framework != null) {
            framework.stop();
            framework.waitForStop(WAIT.toMillis());
        }
    }

    private void startAllBut(String... skipped) throws Exception {
        Set<String> skip = Set.of(skipped);
        for (Bundle b : bundles.values()) {
            if (b.getHeaders().get("Fragment-Host") == null && !skip.contains(b.getSymbolicName())) {
                b.start();
            }
        }
    }

    private void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + "; bundles: " + describeBundles());
            }
            Thread.sleep(20);
        }
    }

    private String describeBundles() {
        if (framework == null) {
            return "framework stopped";
        }
        StringBuilder sb = new StringBuilder();
        for (Bundle b : context.getBundles()) {
            sb.append(b.getSymbolicName()).append('=').append(switch (b.getState()) {
                case Bundle.INSTALLED -> "INSTALLED";
                case Bundle.RESOLVED -> "RESOLVED";
                case Bundle.STARTING -> "STARTING";
                case Bundle.ACTIVE -> "ACTIVE";
                case Bundle.STOPPING -> "STOPPING";
                default -> "UNINSTALLED";
            }).append(' ');
        }
        return sb.toString();
    }

    /** The ActorSystem service as this test's bundle (the system bundle) sees it. */
    private Object actorSystem() {
        try {
            // Unfiltered: this test's class path has its own copy of the API classes.
            ServiceReference<?>[] refs = context.getAllServiceReferences("io.hyphae.api.ActorSystem", null);
            return refs == null ? null : context.getService(refs[0]);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object call(Object target, String method, Object... args) throws Exception {
        Class<?> api = bundles.get("io.hyphae.api").loadClass("io.hyphae.api.ActorSystem");
        for (Method m : api.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length && accepts(m, args)) {
                return m.invoke(target, args);
            }
        }
        throw new NoSuchMethodException(method);
    }

    /** Whether every argument fits its parameter (overloads such as spawn(factory, name | options)). */
    private static boolean accepts(Method m, Object[] args) {
        Class<?>[] types = m.getParameterTypes();
        for (int i = 0; i < args.length; i++) {
            Class<?> t = types[i].isPrimitive() ? java.lang.invoke.MethodType.methodType(types[i]).wrap().returnType()
                    : types[i];
            if (args[i] != null && !t.isInstance(args[i])) {
                return false;
            }
        }
        return true;
    }

    private static Object component(Object record, String accessor) throws Exception {
        return record.getClass().getMethod(accessor).invoke(record);
    }

    private ConfigurationAdmin configAdmin() throws InterruptedException {
        await("ConfigurationAdmin", () -> context.getServiceReference(ConfigurationAdmin.class) != null);
        return context.getService(context.getServiceReference(ConfigurationAdmin.class));
    }

    @Test
    void runtimeTakesItsConfigurationFromConfigAdmin() throws Exception {
        startAllBut("io.hyphae.runtime");
        Configuration cfg = configAdmin().getConfiguration("io.hyphae.runtime", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("name", "felix-it");
        props.put("dispatcher.threads", 3);
        cfg.update(props);
        bundles.get("io.hyphae.runtime").start();
        await("ActorSystem service", () -> actorSystem() != null);
        Object system = actorSystem();
        assertEquals("felix-it", call(system, "name"));
        assertEquals(3, component(call(system, "metrics"), "dispatcherThreads"));
    }

    @Test
    void badConfigurationRegistersNoServiceUntilItIsFixed() throws Exception {
        startAllBut("io.hyphae.runtime");
        Configuration cfg = configAdmin().getConfiguration("io.hyphae.runtime", "?");
        Dictionary<String, Object> props = new Hashtable<>();
        props.put("dispatcher.threads", 0);
        cfg.update(props);
        bundles.get("io.hyphae.runtime").start();
        Thread.sleep(500); // give SCR time to attempt (and fail) the activation
        assertNull(actorSystem(), "no ActorSystem with dispatcher.threads=0");
        props.put("dispatcher.threads", 2);
        cfg.update(props);
        await("ActorSystem service after the fix", () -> actorSystem() != null);
        assertEquals(2, component(call(actorSystem(), "metrics"), "dispatcherThreads"));
    }

    @Test
    void actorsOfABundleStopWhenTheBundleStopsAndPlugInMailboxesAreUsed() throws Exception {
        startAllBut();
        await("ActorSystem service", () -> actorSystem() != null);
        Object system = actorSystem();
        long baseline = (long) component(call(system, "metrics"), "liveActors");

        Bundle spawner = context.installBundle("spawner", Files.newInputStream(spawnerBundle()));
        spawner.start();
        Optional<?> it0 = (Optional<?>) call(system, "find", "it-0");
        assertTrue(it0.isPresent(), "it-0 spawned by the spawner bundle: " + it0 + " " + call(system, "metrics"));
        assertTrue(((Optional<?>) call(system, "find", "it-2/child")).isPresent());
        await("six actors live", () -> live(system) == baseline + 6);
        Optional<?> metrics = (Optional<?>) call(system, "metrics", it0.get());
        assertEquals("it-tagged", component(metrics.orElseThrow(), "mailbox"),
                "new actors use the best-ranked mailbox factory");

        spawner.stop();
        await("the spawner's actors to stop", () -> live(system) == baseline);
        assertTrue(((Optional<?>) call(system, "find", "it-0")).isEmpty());
        assertTrue(((Optional<?>) call(system, "find", "it-2/child")).isEmpty());
        assertEquals("builtin", component(call(system, "metrics"), "mailboxFactory"),
                "the runtime fell back to the built-in mailbox when the plug-in left");
    }

    /**
     * A {@code hyphae} shell command, called as Gogo would call it: on whichever bundle's
     * command service declares it (each bundle registers its own).
     */
    private String shell(String command, Object... args) throws Exception {
        ServiceReference<?>[] refs = context.getAllServiceReferences(null, "(osgi.command.scope=hyphae)");
        assertNotNull(refs, "the hyphae shell commands are registered");
        for (ServiceReference<?> ref : refs) {
            if (!List.of(functions(ref.getProperty("osgi.command.function"))).contains(command)) {
                continue;
            }
            Object commands = context.getService(ref);
            for (Method m : commands.getClass().getMethods()) {
                if (m.getName().equals(command) && m.getParameterCount() == args.length) {
                    return (String) m.invoke(commands, args);
                }
            }
        }
        throw new NoSuchMethodException(command);
    }

    private static String[] functions(Object property) {
        return property instanceof String[] a ? a : new String[] {String.valueOf(property)};
    }

    /**
     * Calls the platform MBean server by reflection: this test module does not read
     * java.management, and the container's beans need nothing more.
     */
    private static Object jmx(String method, Object... args) throws Exception {
        Class<?> serverType = Class.forName("javax.management.MBeanServer");
        Class<?> nameType = Class.forName("javax.management.ObjectName");
        Object server = Class.forName("java.lang.management.ManagementFactory").getMethod("getPlatformMBeanServer")
                .invoke(null);
        Object[] a = args.clone();
        a[0] = nameType.getConstructor(String.class).newInstance((String) args[0]);
        for (Method m : serverType.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == a.length) {
                return m.invoke(server, a);
            }
        }
        throw new NoSuchMethodException(method);
    }

    @Test
    void theSystemAndTheBrokerArePublishedOverJmxUntilTheFrameworkStops() throws Exception {
        startAllBut();
        await("ActorSystem and MessageBroker services", () -> actorSystem() != null
                && service("io.hyphae.api.broker.MessageBroker") != null);
        String system = "io.hyphae:type=ActorSystem,name=\"hyphae\"";
        String broker = "io.hyphae:type=Broker";
        assertEquals(live(actorSystem()), jmx("getAttribute", system, "LiveActors"));
        assertEquals("hash", jmx("getAttribute", broker, "Index"));
        jmx("invoke", broker, "useIndex", new Object[] {"tree"}, new String[] {String.class.getName()});
        assertEquals("tree", component(brokerCall(service("io.hyphae.api.broker.MessageBroker"), "metrics"), "index"));
        framework.stop();
        framework.waitForStop(WAIT.toMillis());
        assertEquals(false, jmx("isRegistered", system), "unregistered at shutdown");
        assertEquals(false, jmx("isRegistered", broker), "unregistered at shutdown");
    }

    @Test
    void declaredActorsOfTheExampleBundleRunUnderTheirSupervisorAndStopWithTheBundle() throws Exception {
        startAllBut();
        await("ActorSystem service", () -> actorSystem() != null);
        Object system = actorSystem();
        Path jar;
        try (Stream<Path> s = Files.list(ModulePathDemoIT.modulesDir())) {
            jar = s.filter(p -> p.getFileName().toString().startsWith("io.hyphae.example-")).findFirst().orElseThrow();
        }
        Bundle example = context.installBundle(jar.toUri().toString());
        example.start();
        await("shop/orders and shop/stock", () -> alive(system, "shop/orders") && alive(system, "shop/stock"));
        assertTrue(shell("actors").matches("(?s).*\\n  orders +running .*"), () -> {
            try {
                return shell("actors");
            } catch (Exception e) {
                return e.toString();
            }
        });

        example.stop();
        // The actors run on for the update grace period (2 s), in case the bundle comes back
        // with the same actors (an update); then they stop.
        assertTrue(alive(system, "shop/orders"), "kept for the grace period");
        await("stopped after the grace period", () -> !alive(system, "shop/orders") && !alive(system, "shop/stock"));
        example.start();
        await("the actors back", () -> alive(system, "shop/orders") && alive(system, "shop/stock"));
        assertTrue(shell("supervisors").matches("(?s).*\\nshop +one_for_one +3 in 5000 ms +2 .*"), shell("supervisors"));

        // New supervisor settings restart the group with them.
        Configuration c = configAdmin().getConfiguration("io.hyphae.supervisor", null);
        Dictionary<String, Object> p = new Hashtable<>();
        p.put("strategy", "one_for_all");
        p.put("intensity", "7");
        c.update(p);
        await("shop under one_for_all", () -> {
            try {
                return shell("supervisors").matches("(?s).*\\nshop +one_for_all +7 in 5000 ms +2 .*");
            } catch (Exception e) {
                return false;
            }
        });
        assertTrue(alive(system, "shop/orders") && alive(system, "shop/stock"));
    }

    private boolean alive(Object system, String path) {
        try {
            return ((Optional<?>) call(system, "find", path)).isPresent();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Starts every bundle plus JCTools and a broker application whose sink actor receives
     * every publish on {@code it/#}; returns Hyphae's JCTools mailbox bundle.
     */
    private Bundle startWithJctoolsAndSink() throws Exception {
        List<Bundle> jctools = new ArrayList<>();
        try (Stream<Path> s = Files.list(ModulePathDemoIT.modulesDir())) {
            for (Path jar : s.filter(p -> p.getFileName().toString().matches("(jctools-core|io\\.hyphae\\.mailbox\\.jctools)-.*\\.jar"))
                    .sorted().collect(Collectors.toList())) {
                jctools.add(context.installBundle(jar.toUri().toString()));
            }
        }
        assertEquals(2, jctools.size(), "the JCTools library and Hyphae's JCTools mailbox bundle");
        startAllBut();
        for (Bundle b : jctools) {
            b.start();
        }
        await("ActorSystem and MessageBroker services", () -> actorSystem() != null
                && service("io.hyphae.api.broker.MessageBroker") != null);
        Object system = actorSystem();
        await("the JCTools factory to be preferred", () -> "jctools".equals(preferredMailbox(system)));
        Bundle app = context.installBundle("broker-app", Files.newInputStream(testBundle("itbroker",
                "BrokerActivator", "io.hyphae.api.broker;version=\"[1.0,2)\"")));
        app.start();
        assertEquals("jctools", mailboxOf(system, find(system, "it-broker-sink").orElseThrow()));
        return jctools.stream().filter(b -> b.getSymbolicName().equals("io.hyphae.mailbox.jctools"))
                .findFirst().orElseThrow();
    }

    @Test
    void changingTheMailboxFactoryByConfigurationMovesLiveActorsWithoutLoss() throws Exception {
        startWithJctoolsAndSink();
        Object system = actorSystem();
        Object sink = find(system, "it-broker-sink").orElseThrow();
        Object broker = service("io.hyphae.api.broker.MessageBroker");
        Configuration c = configAdmin().getConfiguration("io.hyphae.runtime", null);
        RacingPublisher publisher = new RacingPublisher(broker, "it/c/");
        try (publisher) {
            for (int round = 0; round < 3; round++) {
                for (String factory : new String[] {"builtin", "jctools"}) {
                    publisher.awaitMore("publishes before the move to " + factory, 2000);
                    Dictionary<String, Object> p = new Hashtable<>();
                    p.put("mailbox.factory", factory);
                    c.update(p);
                    await("the sink on " + factory, () -> factory.equals(mailboxOf(system, sink)));
                }
            }
        }
        int total = publisher.finish();
        await("the sink to process all " + total, () -> processed(system, sink) == total);
    }

    @Test
    void stoppingAndStartingTheJctoolsBundleMovesLiveActorsWithoutLoss() throws Exception {
        Bundle mailboxBundle = startWithJctoolsAndSink();
        Object system = actorSystem();
        Object sink = find(system, "it-broker-sink").orElseThrow();
        Object broker = service("io.hyphae.api.broker.MessageBroker");
        // A publisher at full speed while the JCTools bundle goes and comes back.
        RacingPublisher publisher = new RacingPublisher(broker, "it/j/");
        try (publisher) {
            for (int round = 0; round < 3; round++) {
                publisher.awaitMore("publishes on JCTools queues", 2000);
                mailboxBundle.stop();
                // Stopping returns once live actors have left the factory's queues.
                assertEquals("builtin", mailboxOf(system, sink), "moved off before the bundle stopped");
                publisher.awaitMore("publishes on built-in queues", 2000);
                mailboxBundle.start();
                await("the sink back on JCTools", () -> "jctools".equals(mailboxOf(system, sink)));
            }
        }
        int total = publisher.finish();
        await("the sink to process all " + total, () -> processed(system, sink) == total);
    }

    private String preferredMailbox(Object system) {
        try {
            return (String) component(call(system, "metrics"), "mailboxFactory");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private String mailboxOf(Object system, Object ref) {
        try {
            return (String) component(((Optional<?>) call(system, "metrics", ref)).orElseThrow(), "mailbox");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long live(Object system) {
        try {
            return (long) component(call(system, "metrics"), "liveActors");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void stoppingTheFrameworkLeavesNoHyphaeThread() throws Exception {
        startAllBut();
        await("ActorSystem service", () -> actorSystem() != null);
        Bundle spawner = context.installBundle("spawner", Files.newInputStream(spawnerBundle()));
        spawner.start();
        assertNotNull(actorSystem());
        framework.stop();
        framework.waitForStop(WAIT.toMillis());
        framework = null;
        await("hyphae threads to end", () -> hyphaeThreads().isEmpty());
    }

    /**
     * The container's stop runs the coordinated shutdown first: while every bundle is still
     * active its actors handle what is queued (drain), then they stop, then the services
     * close; only then do the bundles stop.
     */
    @Test
    void stoppingTheContainerDrainsEveryActorBeforeAnyBundleStops() throws Exception {
        startAllBut();
        await("ActorSystem service", () -> actorSystem() != null);
        Object system = actorSystem();
        Bundle spawner = context.installBundle("spawner", Files.newInputStream(spawnerBundle()));
        spawner.start();
        ClassLoader api = bundles.get("io.hyphae.api").loadClass("io.hyphae.api.ActorSystem").getClassLoader();
        Class<?> factoryType = api.loadClass("io.hyphae.api.ActorFactory");
        Class<?> actorType = api.loadClass("io.hyphae.api.Actor");
        AtomicInteger handled = new AtomicInteger();
        // A slow actor, built with proxies of the container's API: 5 ms a message.
        Object actor = Proxy.newProxyInstance(api, new Class<?>[] {actorType}, (proxy, m, a) -> {
            if (m.getName().equals("receive")) {
                Thread.sleep(5);
                handled.incrementAndGet();
                return null;
            }
            return m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, a) : null;
        });
        Object factory = Proxy.newProxyInstance(api, new Class<?>[] {factoryType}, (proxy, m, a) ->
                m.getName().equals("create") ? actor : m.isDefault() ? InvocationHandler.invokeDefault(proxy, m, a)
                        : m.getName().equals("toString") ? "slow-factory" : null);
        Object ref = call(system, "spawn", factory, "slow");
        Method tell = ref.getClass().getMethod("tell", Object.class);
        tell.setAccessible(true);
        for (int i = 0; i < 200; i++) {
            tell.invoke(ref, "m" + i);
        }
        Method metrics = api.loadClass("io.hyphae.api.ActorSystem").getMethod("metrics");
        long deadBefore = (long) component(metrics.invoke(system), "deadLetters");
        Object cs = call(system, "coordinatedShutdown");
        Class<?> phaseType = api.loadClass("io.hyphae.api.shutdown.ShutdownPhase");
        Class<?> csType = api.loadClass("io.hyphae.api.shutdown.CoordinatedShutdown");
        Method addTask = csType.getMethod("addTask", phaseType, String.class, Supplier.class);
        Method reasonOf = csType.getMethod("reason");
        Map<String, String> seen = new ConcurrentHashMap<>();
        for (String phase : List.of("STOP_ACCEPTING", "CLOSE_SERVICES")) {
            Supplier<CompletionStage<?>> task = () -> {
                seen.put(phase, "handled " + handled.get() + ", broker " + bundles.get("io.hyphae.broker").getState()
                        + ", spawner " + spawner.getState());
                return null;
            };
            addTask.invoke(cs, enumConstant(phaseType, phase), "record " + phase, task);
        }
        framework.stop();
        framework.waitForStop(WAIT.toMillis());
        framework = null;
        String active = "broker " + Bundle.ACTIVE + ", spawner " + Bundle.ACTIVE;
        assertTrue(seen.get("STOP_ACCEPTING").endsWith(active), seen::toString);
        assertTrue(seen.get("CLOSE_SERVICES").equals("handled 200, " + active), "every queued message handled, "
                + "while the bundles were still active: " + seen);
        assertEquals(200, handled.get());
        assertEquals(deadBefore, (long) component(metrics.invoke(system), "deadLetters"), "no dead letter");
        Object reason = ((Optional<?>) reasonOf.invoke(cs)).orElseThrow();
        assertEquals("CONTAINER_STOP", reason.toString());
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> type, String name) {
        return Enum.valueOf((Class) type, name);
    }

    private static Set<String> hyphaeThreads() {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(n -> n.startsWith("hyphae-")).collect(Collectors.toSet());
    }

    @Test
    void supervisionServiceRestartsChildrenInsideFelix() throws Exception {
        startAllBut();
        await("ActorSystem and Supervision services", () -> actorSystem() != null && service(
                "io.hyphae.api.supervision.Supervision") != null);
        Object system = actorSystem();
        Bundle supervised = context.installBundle("supervised", Files.newInputStream(testBundle("itsupervised",
                "SupervisedActivator", "io.hyphae.api.supervision;version=\"[1.0,2)\"")));
        supervised.start();
        await("it-sup/worker", () -> find(system, "it-sup/worker").isPresent());
        Object worker = find(system, "it-sup/worker").orElseThrow();
        Class<?> refType = bundles.get("io.hyphae.api").loadClass("io.hyphae.api.ActorRef");
        refType.getMethod("tell", Object.class).invoke(worker, "boom");
        Object first = find(system, "it-sup/first").orElseThrow();
        await("one-for-all restart of both children", () -> restarts(system, worker) == 1
                && restarts(system, first) == 1);
        supervised.stop();
        await("the supervised bundle's tree to stop", () -> find(system, "it-sup").isEmpty()
                && find(system, "it-sup/worker").isEmpty());
    }

    @Test
    void anApplicationBundleTestsItsDeclaredActorWithTheTestkitInsideTheContainer() throws Exception {
        try (Stream<Path> s = Files.list(Path.of(System.getProperty("hyphae.it.testkit.dir", "target/it-testkit")))) {
            for (Path jar : s.sorted().collect(Collectors.toList())) {
                Bundle b = context.installBundle(jar.toUri().toString());
                bundles.put(b.getSymbolicName(), b);
            }
        }
        startAllBut();
        await("ActorSystem and Supervision services", () -> actorSystem() != null && service(
                "io.hyphae.api.supervision.Supervision") != null);
        Bundle app = context.installBundle("testkit-app", Files.newInputStream(testBundle("ittestkit",
                "TestkitActivator", "io.hyphae.api.supervision;version=\"[1.0,2)\","
                        + "io.hyphae.testkit;version=\"[1.0,2)\"")));
        app.start();
        await("the application's test result", () -> testkitResult() != null);
        Object result = ((java.util.concurrent.Callable<?>) testkitResult()).call();
        assertEquals("passed", result, "the test inside the container");
        app.stop();
        await("the declared greeter to stop with its bundle", () -> find(actorSystem(), "it-testkit/greeter").isEmpty());
    }

    private Object producerControl() {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences("java.util.function.Function",
                    "(hyphae.it=producer)");
            return refs == null ? null : context.getService(refs[0]);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Object testkitResult() {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences("java.util.concurrent.Callable",
                    "(hyphae.it=testkit)");
            return refs == null ? null : context.getService(refs[0]);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * A bundle that declares two actors is updated 100 times between two versions while a
     * producer bundle of its own tells them sequenced messages from four threads at a paced
     * 400,000 msg/s: each update upgrades the actors in place, so every message is handled
     * once, in per-sender order, the counts cross every update, and the refs taken before the
     * first update still work after the last.
     */
    @Test
    @SuppressWarnings("unchecked")
    void updatingABundleUpgradesItsDeclaredActorsInPlaceWithoutLosingAMessage() throws Exception {
        startAllBut();
        await("ActorSystem and Supervision services", () -> actorSystem() != null && service(
                "io.hyphae.api.supervision.Supervision") != null);
        String imports = "io.hyphae.api.supervision;version=\"[1.0,2)\"";
        byte[] v1 = Files.readAllBytes(testBundle("itupgrade", "TallyActivator", imports, "1.0.0"));
        byte[] v2 = Files.readAllBytes(testBundle("itupgrade", "TallyActivator", imports, "2.0.0"));
        Bundle app = context.installBundle("tally-app", new java.io.ByteArrayInputStream(v1));
        app.start();
        Object system = actorSystem();
        await("it-up/tally-0 and -1", () -> find(system, "it-up/tally-0").isPresent()
                && find(system, "it-up/tally-1").isPresent());
        Object[] tallies = {find(system, "it-up/tally-0").orElseThrow(), find(system, "it-up/tally-1").orElseThrow()};
        Bundle producer = context.installBundle("producer", Files.newInputStream(testBundle("itproducer",
                "ProducerActivator", imports)));
        producer.start();
        await("the producer's control service", () -> producerControl() != null);
        java.util.function.Function<String, long[]> control =
                (java.util.function.Function<String, long[]>) producerControl();
        await("the producer to send to both", () -> control.apply("count")[0] > 0 && control.apply("count")[1] > 0);
        long[] before = control.apply("count");
        long t0 = System.nanoTime();
        for (int u = 1; u <= 100; u++) {
            app.update(new java.io.ByteArrayInputStream(u % 2 == 1 ? v2 : v1));
        }
        long updatesNanos = System.nanoTime() - t0;
        long[] during = control.apply("count");
        long[] sent = control.apply("stop");
        double rate = (during[0] + during[1] - before[0] - before[1]) * 1e9 / updatesNanos;
        Method tell = bundles.get("io.hyphae.api").loadClass("io.hyphae.api.ActorRef").getMethod("tell", Object.class);
        for (int i = 0; i < 2; i++) {
            java.util.concurrent.CompletableFuture<long[]> result = new java.util.concurrent.CompletableFuture<>();
            tell.invoke(tallies[i], result);
            long[] r = result.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertEquals(sent[i], r[0], "tally-" + i + ": every message handled exactly once across 100 updates");
            assertEquals(0, r[1], "tally-" + i + ": in per-sender order");
            assertEquals(100, r[2], "tally-" + i + ": one upgrade per update, state carried by each");
            assertEquals(tallies[i], find(system, "it-up/tally-" + i).orElseThrow(), "the ref from before the first");
        }
        // The producer is paced, not flooding: this checks the pacing held while the updates ran.
        assertTrue(rate >= 100_000, String.format("the producer sent %.0f msg/s during the updates", rate));
        System.out.printf("100 updates in %d ms; producer at %.0f msg/s meanwhile; %d messages in all%n",
                updatesNanos / 1_000_000, rate, sent[0] + sent[1]);
        producer.uninstall();
        app.uninstall();
        await("the tallies to stop with their uninstalled bundle", () -> find(system, "it-up/tally-0").isEmpty()
                && find(system, "it-up/tally-1").isEmpty());
    }

    /**
     * A bundle that declares actors is updated while the runtime bundle stops, five times
     * with different timing: the update finishes (no hang, no exception), and when the
     * runtime starts again the actors are declared anew on the new system, empty, as the
     * old system took their state with it. Documented in README.
     */
    @Test
    @SuppressWarnings("unchecked")
    void updatingABundleWhileTheRuntimeStopsFinishesAndTheActorsComeBackWithTheRuntime() throws Exception {
        startAllBut();
        await("ActorSystem and Supervision services", () -> actorSystem() != null && service(
                "io.hyphae.api.supervision.Supervision") != null);
        String imports = "io.hyphae.api.supervision;version=\"[1.0,2)\"";
        byte[][] versions = {Files.readAllBytes(testBundle("itupgrade", "TallyActivator", imports, "1.0.0")),
            Files.readAllBytes(testBundle("itupgrade", "TallyActivator", imports, "2.0.0"))};
        Bundle app = context.installBundle("tally-race", new java.io.ByteArrayInputStream(versions[0]));
        app.start();
        Bundle runtime = bundles.get("io.hyphae.runtime");
        Method tell = bundles.get("io.hyphae.api").loadClass("io.hyphae.api.ActorRef").getMethod("tell", Object.class);
        for (int round = 1; round <= 5; round++) {
            await("it-up/tally-0 running, round " + round, () -> actorSystem() != null
                    && find(actorSystem(), "it-up/tally-0").isPresent());
            Object tally = find(actorSystem(), "it-up/tally-0").orElseThrow();
            for (long i = 0; i < 1000; i++) {
                tell.invoke(tally, Long.valueOf(i));
            }
            byte[] next = versions[round % 2];
            java.util.concurrent.atomic.AtomicReference<Throwable> failure = new java.util.concurrent.atomic.AtomicReference<>();
            Thread updater = new Thread(() -> {
                try {
                    app.update(new java.io.ByteArrayInputStream(next));
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "it-updater");
            updater.start();
            Thread.sleep(round - 1); // from a stop racing the update's start to one just after it
            runtime.stop();
            updater.join(WAIT.toMillis());
            assertFalse(updater.isAlive(), "round " + round + ": the update finished");
            assertNull(failure.get(), "round " + round + ": the update threw " + failure.get());
            assertEquals(Bundle.ACTIVE, app.getState(), "round " + round);
            runtime.start();
            await("it-up/tally-0 declared again on the new system, round " + round, () -> actorSystem() != null
                    && find(actorSystem(), "it-up/tally-0").isPresent());
            java.util.concurrent.CompletableFuture<long[]> result = new java.util.concurrent.CompletableFuture<>();
            tell.invoke(find(actorSystem(), "it-up/tally-0").orElseThrow(), result);
            assertEquals(0, result.get(30, java.util.concurrent.TimeUnit.SECONDS)[0], "round " + round
                    + ": a fresh actor, its state gone with the old system");
        }
        app.uninstall();
    }

    @Test
    void brokerSwitchesIndexFromConfigAdminWithoutLosingAMessage() throws Exception {
        startAllBut();
        await("ActorSystem and MessageBroker services", () -> actorSystem() != null
                && service("io.hyphae.api.broker.MessageBroker") != null);
        Object system = actorSystem();
        Object broker = service("io.hyphae.api.broker.MessageBroker");
        assertEquals("hash", component(brokerCall(broker, "metrics"), "index"));
        Bundle app = context.installBundle("broker-app", Files.newInputStream(testBundle("itbroker",
                "BrokerActivator", "io.hyphae.api.broker;version=\"[1.0,2)\"")));
        app.start();
        Object sink = find(system, "it-broker-sink").orElseThrow();
        Configuration cfg = configAdmin().getConfiguration("io.hyphae.broker", "?");
        int sent = 0;
        for (String index : List.of("tree", "hash", "tree")) {
            Dictionary<String, Object> props = new Hashtable<>();
            props.put("index", index);
            cfg.update(props);
            // Publish while ConfigAdmin delivers the change on its own thread.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!index.equals(component(brokerCall(broker, "metrics"), "index"))) {
                assertEquals(1, brokerCall(broker, "publish", "it/x/" + sent, sent), "delivered to the one sink");
                sent++;
                assertTrue(System.nanoTime() < deadline, "index " + index + " never became active");
            }
            for (int i = 0; i < 1000; i++) {
                assertEquals(1, brokerCall(broker, "publish", "it/y", sent));
                sent++;
            }
        }
        int total = sent;
        await("the sink to process all " + total, () -> processed(system, sink) == total);
        assertEquals(3L, component(brokerCall(broker, "metrics"), "indexSwitches"));
        app.stop();
        await("the app's subscription to go with its actor", () -> {
            try {
                return (int) component(brokerCall(broker, "metrics"), "subscriptions") == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    @Test
    void brokerMovesToAThirdPartyIndexBundleAndBackWhenItStops() throws Exception {
        startAllBut();
        await("ActorSystem and MessageBroker services", () -> actorSystem() != null
                && service("io.hyphae.api.broker.MessageBroker") != null);
        Object system = actorSystem();
        Object broker = service("io.hyphae.api.broker.MessageBroker");
        Bundle app = context.installBundle("broker-app", Files.newInputStream(testBundle("itbroker",
                "BrokerActivator", "io.hyphae.api.broker;version=\"[1.0,2)\"")));
        app.start();
        Object sink = find(system, "it-broker-sink").orElseThrow();
        Bundle index = context.installBundle("scan-index", Files.newInputStream(testBundle("itindex",
                "IndexActivator", "io.hyphae.api.broker;version=\"[1.0,2)\","
                        + "io.hyphae.api.broker.spi;version=\"[1.0,2)\"")));
        // A publisher at full speed while the index bundle comes and goes.
        RacingPublisher publisher = new RacingPublisher(broker, "it/p/");
        try (publisher) {
            for (int round = 0; round < 3; round++) {
                index.start();
                awaitIndex(broker, "it-scan");
                publisher.awaitMore("publishes through it-scan", 1000);
                index.stop();
                awaitIndex(broker, "hash");
                publisher.awaitMore("publishes through hash", 1000);
            }
        }
        int total = publisher.finish();
        await("the sink to process all " + total, () -> processed(system, sink) == total);
        assertEquals(6L, component(brokerCall(broker, "metrics"), "indexSwitches"));
        assertEquals((long) total, component(brokerCall(broker, "metrics"), "delivered"));
    }

    /**
     * Publishes to {@code prefix + n} at full speed on its own thread; every publish must
     * reach exactly one subscriber.
     */
    private final class RacingPublisher implements AutoCloseable {
        private final AtomicInteger sent = new AtomicInteger();
        private final AtomicReference<Throwable> failure = new AtomicReference<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final Thread thread;

        RacingPublisher(Object broker, String prefix) {
            thread = new Thread(() -> {
                try {
                    while (running.get()) {
                        int n = sent.get();
                        Object delivered = brokerCall(broker, "publish", prefix + n, n);
                        sent.incrementAndGet();
                        if (!Integer.valueOf(1).equals(delivered)) {
                            throw new AssertionError("publish " + n + " delivered to " + delivered + " subscribers");
                        }
                    }
                } catch (Throwable t) {
                    failure.set(t);
                }
            }, "it-publisher");
            thread.start();
        }

        /** Waits until {@code n} more publishes went out (or the publisher failed). */
        void awaitMore(String what, int n) throws InterruptedException {
            int before = sent.get();
            await(what, () -> sent.get() > before + n || failure.get() != null);
        }

        @Override
        public void close() {
            running.set(false);
            try {
                thread.join(WAIT.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Stops it and returns how many it published; fails if any publish went wrong. */
        int finish() {
            close();
            assertNull(failure.get(), () -> "publisher failed: " + failure.get());
            return sent.get();
        }
    }

    private void awaitIndex(Object broker, String name) throws InterruptedException {
        await("broker index " + name, () -> {
            try {
                return name.equals(component(brokerCall(broker, "metrics"), "index"));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private Object brokerCall(Object broker, String method, Object... args) throws Exception {
        Class<?> api = bundles.get("io.hyphae.api").loadClass("io.hyphae.api.broker.MessageBroker");
        for (Method m : api.getMethods()) {
            if (m.getName().equals(method) && m.getParameterCount() == args.length) {
                return m.invoke(broker, args);
            }
        }
        throw new NoSuchMethodException(method);
    }

    private long processed(Object system, Object ref) {
        try {
            Optional<?> m = (Optional<?>) call(system, "metrics", ref);
            return m.isEmpty() ? -1 : (long) component(m.get(), "processed");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private Object service(String type) {
        try {
            ServiceReference<?>[] refs = context.getAllServiceReferences(type, null);
            return refs == null ? null : context.getService(refs[0]);
        } catch (org.osgi.framework.InvalidSyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private Optional<?> find(Object system, String path) {
        try {
            return (Optional<?>) call(system, "find", path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long restarts(Object system, Object ref) {
        try {
            Optional<?> m = (Optional<?>) call(system, "metrics", ref);
            return m.isEmpty() ? -1 : (long) component(m.get(), "restarts");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Packages the itbundle classes of this test module as a bundle. */
    private static Path spawnerBundle() throws IOException {
        return testBundle("itbundle", "SpawnerActivator", "io.hyphae.api.mailbox;version=\"[1.0,2)\"");
    }

    /** Packages one package of this test module's classes as a bundle with an activator. */
    static Path testBundle(String pkgName, String activator, String imports) throws IOException {
        return testBundle(pkgName, activator, imports, "1.0.0");
    }

    /** As above, with a Bundle-Version of its own. */
    static Path testBundle(String pkgName, String activator, String imports, String version) throws IOException {
        Path classes = Path.of(System.getProperty("hyphae.test.classes", "target/test-classes"));
        Path pkg = classes.resolve("io/hyphae/launcher/" + pkgName);
        Path jar = Files.createTempFile(pkgName, ".jar");
        Manifest mf = new Manifest();
        Attributes a = mf.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", "io.hyphae.it." + pkgName);
        a.putValue("Bundle-Version", version);
        a.putValue("Bundle-Activator", "io.hyphae.launcher." + pkgName + "." + activator);
        a.putValue("Import-Package", "io.hyphae.api;version=\"[1.0,2)\"," + imports + ",org.osgi.framework");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream jos = new JarOutputStream(out, mf);
                Stream<Path> files = Files.list(pkg)) {
            for (Path f : files.sorted().collect(Collectors.toList())) {
                jos.putNextEntry(new JarEntry("io/hyphae/launcher/" + pkgName + "/" + f.getFileName()));
                jos.write(Files.readAllBytes(f));
                jos.closeEntry();
            }
        }
        return jar;
    }
}
