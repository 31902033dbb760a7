package io.hyphae.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.shutdown.ShutdownSettings;
import io.hyphae.cluster.nats.MessageCodecs;
import io.hyphae.cluster.nats.NatsCluster;
import io.hyphae.cluster.nats.testsupport.NatsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * The container as a user runs it: {@code java -jar hyphae.jar} in a fresh JVM, driven
 * through standard input, with its own copy of {@code bundle/} and {@code conf/}.
 */
class ContainerIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    private Process process;
    private final StringBuffer output = new StringBuffer();
    private OutputStream stdin;

    static Path containerDir() {
        return Path.of(System.getProperty("hyphae.container.dir", "target/hyphae"));
    }

    @AfterEach
    void kill() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }

    private Path home(TestInfo info) throws IOException {
        Path home = Path.of(System.getProperty("hyphae.work.dir", "target/it-work"))
                .resolve("container-" + info.getTestMethod().orElseThrow().getName());
        if (Files.exists(home)) {
            try (Stream<Path> s = Files.walk(home)) {
                s.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        for (String dir : new String[] {"bundle", "conf"}) {
            Files.createDirectories(home.resolve(dir));
            try (Stream<Path> s = Files.list(containerDir().resolve(dir))) {
                for (Path f : s.toList()) {
                    Files.copy(f, home.resolve(dir).resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return home;
    }

    private void start(Path home) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        process = new ProcessBuilder(java.toString(), "-Dhyphae.home=" + home.toAbsolutePath(),
                "-jar", containerDir().resolve("hyphae.jar").toAbsolutePath().toString())
                .redirectErrorStream(true).start();
        stdin = process.getOutputStream();
        Thread reader = new Thread(() -> {
            try (InputStream in = process.getInputStream()) {
                byte[] buf = new byte[8192];
                for (int n; (n = in.read(buf)) > 0;) {
                    output.append(new String(buf, 0, n, StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                output.append("[reader: ").append(e).append(']');
            }
        }, "container-output");
        reader.setDaemon(true);
        reader.start();
    }

    private void send(String command) throws IOException {
        stdin.write((command + "\n").getBytes(StandardCharsets.UTF_8));
        stdin.flush();
    }

    /** Waits until the output from {@code from} on satisfies the condition. */
    private void awaitOutput(String what, int from, Predicate<String> condition) throws InterruptedException {
        awaitOutput(what, from, condition, WAIT);
    }

    private void awaitOutput(String what, int from, Predicate<String> condition, Duration wait)
            throws InterruptedException {
        long deadline = System.nanoTime() + wait.toNanos();
        while (!condition.test(output.substring(Math.min(from, output.length())))) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("timed out waiting for " + what + "; output:\n" + output);
            }
            Thread.sleep(50);
        }
    }

    /** Sends a command until the output it produces satisfies the condition. */
    private void pollCommand(String command, Predicate<String> condition) throws Exception {
        long deadline = System.nanoTime() + WAIT.toNanos();
        for (;;) {
            int from = output.length();
            send(command);
            send("echo --done--");
            awaitOutput(command, from, s -> s.contains("\n--done--"));
            String answer = output.substring(from);
            if (condition.test(answer)) {
                return;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("'" + command + "' never answered as expected; last answer:\n" + answer);
            }
            Thread.sleep(200);
        }
    }

    private int finish() throws Exception {
        stdin.close();
        assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), () -> "container still running:\n" + output);
        return process.exitValue();
    }

    @Test
    void runsTheTourAndTheShellCommandsThenStopsWhenInputEnds(TestInfo info) throws Exception {
        start(home(info));
        send("hyphae:tell shop/orders apple 5");
        send("hyphae:mailboxes");
        send("hyphae:supervisors");
        send("hyphae:broker");
        send("hyphae:metrics");
        assertEquals(0, finish(), output::toString);
        String out = output.toString();
        assertTrue(out.contains("Tour finished: all checks passed"), out);
        assertTrue(out.contains("22 bundles installed") && out.contains("0 failed to start"), out);
        // hyphae:actors from the startup script: the example's declared actors under 'shop'.
        assertTrue(out.matches("(?s).*\\nshop +running +\\w+ +\\d+ +\\d+ +0 +2\\n  orders +running.*"), out);
        assertTrue(out.matches("(?s).*\\njctools +10 .* \\*\\n.*"), out);
        assertTrue(out.matches("(?s).*\\nshop +one_for_one +3 in 5000 ms +2 +0 +0\\n.*"), out);
        assertTrue(out.contains("shop/orders/+ -> shop/stock"), out);
        // The startup script's bundle update: both shop actors upgraded in place, the totals kept.
        int update = out.indexOf("g! hyphae:update io.hyphae.example");
        assertTrue(update > out.indexOf("g! example:stock\nstock totals: {apple=3, pear=2}\n"), out);
        String report = out.substring(update);
        assertTrue(report.matches("(?s).*\nupdated bundle io.hyphae.example \\[\\d+] in \\d+ ms; 2 declared actors\n.*"),
                report);
        assertTrue(report.matches("(?s).*\nshop/orders +upgraded +initial +service \\d+ +\\d+ +\\d+ µs\n"
                + "shop/stock +upgraded +initial +service \\d+ +\\d+ +\\d+ µs\n.*"), report);
        assertTrue(report.contains("g! example:stock\nstock totals: {apple=4, pear=2}\n"), report);
        assertTrue(out.contains("actor system 'hyphae' terminated"), out);
    }

    @Test
    void actorSwapIndexAndDeadLettersAnswerAndNothingListensOnTheNetwork(TestInfo info) throws Exception {
        start(home(info));
        pollCommand("hyphae:actors", s -> s.contains("  stock "));
        pollCommand("hyphae:actor shop/orders", s -> s.matches("(?s).*\\npath +shop/orders\\n.*")
                && s.matches("(?s).*\\nstate +running\\n.*") && s.matches("(?s).*\\nmailbox +jctools\\n.*")
                && s.matches("(?s).*\\nthroughput +\\d+ per turn\\n.*"));
        pollCommand("hyphae:swap builtin", s -> s.matches("(?s).*moved \\d+ actors to 'builtin'\\n.*"));
        pollCommand("hyphae:actor shop/orders", s -> s.matches("(?s).*\\nmailbox +builtin\\n.*"));
        pollCommand("hyphae:index tree", s -> s.contains("broker now uses index 'tree' with "));
        pollCommand("hyphae:broker", s -> s.matches("(?s).*\\nindex +tree\\n.*"));
        // The tour published to a topic nobody listens to, and told a stopped actor.
        pollCommand("hyphae:deadletters", s -> s.contains("NO_SUBSCRIBER") && s.contains("broker:nobody/listens")
                && s.contains("RECIPIENT_TERMINATED")
                && s.matches("(?s).*dead letters since start: [1-9]\\d* "
                        + "\\(RECIPIENT_TERMINATED \\d+, NO_SUBSCRIBER \\d+\\)\\n.*"));
        // Nothing of the container's listens on any socket: Gogo reads stdin, JMX is local.
        assertEquals(List.of(), listeningSockets(process.pid()), "the container must not listen on the network");
        assertEquals(0, finish(), output::toString);
    }

    @Test
    void joinsAClusterWhenItsConfigurationAppearsAndLeavesWhenItIsRemoved(TestInfo info) throws Exception {
        NatsServer server = NatsServer.start();
        try (server; ActorSystem system = ActorSystem.builder().config(ActorSystemConfig.defaults()
                .withName("it-node").withDispatcherThreads(1)
                .withShutdown(ShutdownSettings.defaults().withJvmHook(false))).build()) {
            NatsCluster here = NatsCluster.builder(system, MessageBroker.builder(system).build()).servers(server.url())
                    .node("it-node").clusterTopics("demo/#").codec(MessageCodecs.json())
                    .heartbeat(Duration.ofMillis(200), Duration.ofSeconds(2)).connect();
            Queue<Object> got = new ConcurrentLinkedQueue<>();
            here.broker().subscribe("demo/#", system.spawnAnonymous(ctx -> got::add));
            here.export("echo", system.spawnAnonymous(ctx -> got::add));
            Path home = home(info);
            start(home);
            pollCommand("hyphae:cluster", s -> s.contains("not in a cluster: put the settings in conf/"));

            Path cfg = home.resolve("conf").resolve("io.hyphae.cluster.nats.cfg");
            Files.writeString(cfg, "servers = " + server.url() + "\ntopics = demo/#\nnode = box\n"
                    + "heartbeatMillis = 200\nfailureTimeoutMillis = 2000\n");
            pollCommand("hyphae:cluster", s -> s.contains("\nother nodes     it-node\n") && s.contains("\necho -> it-node\n"));
            awaitTrue("it-node sees the container", () -> here.nodes().contains("box"));
            send("hyphae:publish demo/out hello from the container");
            awaitTrue("the container's publish", () -> got.contains("hello from the container"));
            here.broker().publish("demo/in", "hello from it-node");
            pollCommand("hyphae:cluster", s -> s.contains("\ntopics          sent 1, received 1\n"));

            Files.delete(cfg);
            awaitTrue("the container leaves", () -> !here.nodes().contains("box"));
            pollCommand("hyphae:cluster", s -> s.contains("not in a cluster"));
            here.close();
            assertEquals(0, finish(), output::toString);
            assertTrue(output.toString().contains("node 'box' left the cluster"), output::toString);
        }
    }

    private void awaitTrue(String what, java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                throw new AssertionError("timed out waiting for " + what + "; output:\n" + output);
            }
            Thread.sleep(50);
        }
    }

    /** The TCP and UDP sockets the process listens on or is bound to for receiving, from /proc. */
    private static List<String> listeningSockets(long pid) throws IOException {
        java.util.Set<String> inodes = new java.util.HashSet<>();
        try (Stream<Path> fds = Files.list(Path.of("/proc", Long.toString(pid), "fd"))) {
            for (Path fd : fds.toList()) {
                try {
                    String target = Files.readSymbolicLink(fd).toString();
                    if (target.startsWith("socket:[")) {
                        inodes.add(target.substring(8, target.length() - 1));
                    }
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
        }
        List<String> listening = new java.util.ArrayList<>();
        for (String table : new String[] {"tcp", "tcp6", "udp", "udp6"}) {
            List<String> lines = Files.readAllLines(Path.of("/proc", Long.toString(pid), "net", table));
            for (String line : lines.subList(1, lines.size())) {
                String[] f = line.trim().split("\\s+");
                // st 0A is LISTEN for TCP; a bound UDP socket (07) receives from anyone.
                boolean open = table.startsWith("tcp") ? f[3].equals("0A") : f[3].equals("07");
                if (open && inodes.contains(f[9])) {
                    listening.add(table + " " + f[1]);
                }
            }
        }
        return listening;
    }

    /**
     * {@code printf 'it:greet felix\n' | java -jar hyphae.jar} with an application in deploy/:
     * the container starts what is in deploy/ and waits for its declared actors before it reads
     * standard input, so the piped command works on the first try, every time.
     */
    @Test
    void aPipedCommandOfABundleInDeployWorksOnTheFirstTry(TestInfo info) throws Exception {
        Path app = FelixRuntimeIT.testBundle("itdeployed", "GreeterActivator",
                "io.hyphae.api.supervision;version=\"[1.0,2)\"");
        for (int run = 1; run <= 3; run++) {
            Path home = home(info);
            Files.createDirectories(home.resolve("deploy"));
            Files.copy(app, home.resolve("deploy").resolve("greeter-app.jar"));
            // No start-up script (the tour's takes seconds): standard input is read at once.
            Files.delete(home.resolve("conf").resolve("startup.gosh"));
            output.setLength(0);
            start(home);
            send("it:greet felix");
            assertEquals(0, finish(), output::toString);
            String out = output.toString();
            assertTrue(out.contains("g! it:greet felix\nhello, felix\n"), "run " + run + ":\n" + out);
            assertTrue(out.matches("(?s).*g! hyphae:await --timeout \\d+ it-app/greeter\nrunning: it-app/greeter .*"),
                    "run " + run + ":\n" + out);
        }
    }

    @Test
    void aFailedCommandIsReportedAndMakesTheExitStatusOne(TestInfo info) throws Exception {
        start(home(info));
        send("hyphae:tell nobody hello");
        send("hyphae:swap nosuch");
        send("hyphae:perf nosuch");
        assertEquals(1, finish(), output::toString);
        String out = output.toString();
        assertTrue(out.contains("error: unknown suite 'nosuch'; the suites are all, tell, latency, dispatch, supervision, "
                + "upgrade, broker, mailbox, footprint"), out);
        assertTrue(out.contains("error: no live named actor at 'nobody'"), out);
        assertTrue(out.contains("error: no mailbox factory named 'nosuch'; available: [builtin, control-aware, jctools]"), out);
    }

    @Test
    void ordersFlowThroughTheBrokerAndConfigAndDeployFoldersApplyWhileItRuns(TestInfo info) throws Exception {
        Path home = home(info);
        start(home);
        awaitOutput("the startup script", 0, s -> s.contains("actors answered"));

        // The startup script ordered 3 apples and 2 pears, updated the bundle and ordered 1 apple;
        // every order reaches the stock actor once.
        send("hyphae:tell shop/orders apple 5");
        pollCommand("hyphae:tell shop/stock report", s -> output.toString().contains("stock totals: {apple=9, pear=2}"));

        // Editing the broker's configuration file switches the index.
        Path brokerCfg = home.resolve("conf").resolve("io.hyphae.broker.cfg");
        String edited = Files.readString(brokerCfg).replace("index = hash", "index = tree");
        Files.writeString(brokerCfg, edited);
        pollCommand("hyphae:broker", s -> s.matches("(?s).*\\nindex +tree\\n.*"));
        send("hyphae:tell shop/orders pear 1");
        pollCommand("hyphae:tell shop/stock report", s -> output.toString().contains("stock totals: {apple=9, pear=3}"));

        // A bundle dropped into deploy/ starts; removing the file uninstalls it.
        Path jar = home.resolve("deploy").resolve("it.deployed.jar");
        writeBundle(home.resolve("it.deployed.jar.tmp"), "it.deployed");
        Files.move(home.resolve("it.deployed.jar.tmp"), jar, StandardCopyOption.ATOMIC_MOVE);
        pollCommand("lb it.deployed", s -> s.matches("(?s).*\\|Active +\\|.*it\\.deployed.*"));
        Files.delete(jar);
        pollCommand("lb it.deployed", s -> !s.contains("it.deployed ("));

        assertEquals(0, finish(), output::toString);
        assertEquals(edited, Files.readString(brokerCfg), "the container never rewrites conf/");
    }

    @Test
    void configurationInConfIsInPlaceBeforeTheRuntimeStartsAndSigtermStopsCleanly(TestInfo info) throws Exception {
        Path home = home(info);
        Path runtimeCfg = home.resolve("conf").resolve("io.hyphae.runtime.cfg");
        // The thread count applies only at start, so this shows the file was read before the runtime began.
        String edited = Files.readString(runtimeCfg).replace("#dispatcher.threads = 2", "dispatcher.threads = 3")
                .replace("mailbox.factory =", "mailbox.factory = builtin");
        Files.writeString(runtimeCfg, edited);
        start(home);
        awaitOutput("the startup script", 0, s -> s.contains("actors answered"));
        pollCommand("hyphae:metrics", s -> s.matches("(?s).*\\ndispatcher threads +3\\n.*")
                && s.matches("(?s).*\\ndefault mailbox +builtin\\n.*"));
        // SIGTERM, as Ctrl-C or a service manager sends it (Process.destroy would close the output first).
        Process kill = new ProcessBuilder("kill", "-TERM", Long.toString(process.pid())).inheritIO().start();
        assertEquals(0, kill.waitFor());
        assertTrue(process.waitFor(WAIT.toSeconds(), TimeUnit.SECONDS), () -> "still running:\n" + output);
        // The shutdown hook stopped the framework: the system terminated before the JVM exited.
        awaitOutput("the last log line", 0, s -> s.contains("actor system 'hyphae' terminated"));
        assertEquals(edited, Files.readString(runtimeCfg), "the container never rewrites conf/");
    }

    @Test
    void thePerfSmokeSuiteRunsOnTheDeployedServicesWritesResultsAndComparesRuns(TestInfo info) throws Exception {
        Path home = home(info);
        start(home);
        awaitOutput("the startup script", 0, s -> s.contains("actors answered"));
        int from = output.length();
        send("hyphae:perf --quick");
        send("echo --perf-done--");
        // The issue's bound for a quick run is 2 minutes; the wait is longer, as this test is not a benchmark.
        awaitOutput("hyphae:perf --quick", from, s -> s.contains("\n--perf-done--"), Duration.ofMinutes(4));
        String run = output.substring(from);
        assertTrue(run.matches("(?s).*benchmarks in \\d+ s; 0 failed; dead letters during the run: 0\n.*"), run);
        assertTrue(run.matches("(?s).*\\[ *1/\\d+] tell +tell1to1 mailbox=jctools .* ops/s\n.*"), run);
        for (String row : new String[] {"tell2to1 +hyphae builtin", "tell2to1 +hyphae jctools",
            "externalAsk \\(sample\\) +hyphae jctools", "terminateAndRestartChild \\(sample\\) +hyphae ",
            "supervisedRestart \\(sample\\) +hyphae ",
            "fanOut subscribers=100 +hyphae hash", "topicLookup topics=1000 +hyphae tree",
            "swapMailbox \\(sample\\) queued=100 +hyphae jctools<->builtin", "idleActor actors=10000 +hyphae builtin",
            "upgradePause \\(sample\\) change=api queued=1000 +hyphae ",
            "upgradePause \\(sample\\) change=bundle queued=1000 +hyphae "}) {
            assertTrue(run.matches("(?s).*\n" + row + ".*"), row + " in\n" + run);
        }
        // The probe fails on purpose with failure logging off: no error line for it.
        assertTrue(!run.contains("actor perf-failing-"), run);
        Path results = home.resolve("results");
        List<String> files;
        try (Stream<Path> s = Files.list(results)) {
            files = s.map(f -> f.getFileName().toString()).sorted().toList();
        }
        assertEquals(3, files.size(), files::toString);
        String json = files.stream().filter(f -> f.endsWith(".json")).findFirst().orElseThrow();
        assertTrue(Files.readString(results.resolve(json.replace(".json", ".svg"))).startsWith("<svg"));
        assertTrue(run.contains("results: " + results.resolve(json)), run);

        send("hyphae:perf mailbox --quick");
        pollCommand("hyphae:perf list mailbox", s -> s.contains("mailbox      avgt          queue mailbox=builtin"));
        String second;
        try (Stream<Path> s = Files.list(results)) {
            second = s.map(f -> f.getFileName().toString()).filter(f -> f.startsWith("perf-mailbox-")
                    && f.endsWith(".json")).findFirst().orElseThrow();
        }
        pollCommand("hyphae:perf compare " + json + " " + second,
                s -> s.matches("(?s).*\nqueue +hyphae jctools .*x.*") && s.matches("(?s).*\ntell1to1 +hyphae .* gone\n.*"));
        assertEquals(0, finish(), output::toString);
    }

    private static void writeBundle(Path file, String symbolicName) throws IOException {
        Manifest m = new Manifest();
        Attributes a = m.getMainAttributes();
        a.put(Attributes.Name.MANIFEST_VERSION, "1.0");
        a.putValue("Bundle-ManifestVersion", "2");
        a.putValue("Bundle-SymbolicName", symbolicName);
        a.putValue("Bundle-Version", "1.0.0");
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file), m)) {
            out.flush();
        }
    }
}
