package io.hyphae.cluster.nats.testsupport;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real {@code nats-server} process on a free loopback port, for one test. A missing
 * binary fails the test with the command that installs it.
 */
public final class NatsServer implements AutoCloseable {

    public static final String INSTALL_HINT = "nats-server is not installed; on Debian or Ubuntu run: "
            + "apt-get update && apt-get install -y nats-server";

    private final Process process;
    private final int port;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream();

    private NatsServer(Process process, int port) {
        this.process = process;
        this.port = port;
        Thread reader = new Thread(() -> {
            try {
                process.getInputStream().transferTo(output);
            } catch (IOException e) {
                // the process ended
            }
        }, "nats-server-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts a server with the given configuration file lines (none for defaults). */
    public static NatsServer start(String... configLines) throws Exception {
        return startOn(freePort(), configLines);
    }

    /** Starts a server on a given port, for example again on the port of one that was stopped. */
    public static NatsServer startOn(int port, String... configLines) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(binary().toString(), "-a", "127.0.0.1", "-p",
                Integer.toString(port)));
        if (configLines.length > 0) {
            Path conf = Files.createTempFile("nats-", ".conf");
            conf.toFile().deleteOnExit();
            Files.writeString(conf, String.join("\n", configLines) + "\n");
            cmd.add("-c");
            cmd.add(conf.toString());
        }
        NatsServer s = new NatsServer(new ProcessBuilder(cmd).redirectErrorStream(true).start(), port);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!s.accepts()) {
            if (!s.process.isAlive() || System.nanoTime() > deadline) {
                s.close();
                throw new AssertionError("nats-server did not start on port " + port + ": " + s.output());
            }
            Thread.sleep(20);
        }
        return s;
    }

    /**
     * Starts {@code n} servers joined into one cluster by routes, all on loopback, and waits
     * until a message published on the last reaches a subscriber on the first.
     */
    public static List<NatsServer> cluster(int n) throws Exception {
        return cluster(n, false);
    }

    /** As {@link #cluster(int)}; with {@code jetstream}, each server keeps JetStream in a temporary folder. */
    public static List<NatsServer> cluster(int n, boolean jetstream) throws Exception {
        int[] clientPorts = new int[n];
        int[] routePorts = new int[n];
        for (int i = 0; i < n; i++) {
            clientPorts[i] = freePort();
            routePorts[i] = freePort();
        }
        List<NatsServer> servers = new ArrayList<>();
        try {
            for (int i = 0; i < n; i++) {
                List<String> routes = new ArrayList<>();
                for (int j = 0; j < n; j++) {
                    if (j != i) {
                        routes.add("nats-route://127.0.0.1:" + routePorts[j]);
                    }
                }
                List<String> conf = new ArrayList<>(List.of("server_name: s" + i, "cluster {", "  name: hyphae",
                        "  listen: 127.0.0.1:" + routePorts[i], "  routes: [" + String.join(", ", routes) + "]", "}"));
                if (jetstream) {
                    Path store = Files.createTempDirectory("jetstream-s" + i + "-");
                    conf.addAll(List.of("jetstream {", "  store_dir: \"" + store + "\"", "}"));
                }
                servers.add(startOn(clientPorts[i], conf.toArray(new String[0])));
            }
            awaitRoutes(servers.get(n - 1), servers.get(0));
            return servers;
        } catch (Exception | AssertionError e) {
            servers.forEach(NatsServer::close);
            throw e;
        }
    }

    private static void awaitRoutes(NatsServer from, NatsServer to) throws Exception {
        io.nats.client.Connection sub = io.nats.client.Nats.connect(to.url());
        io.nats.client.Connection pub = io.nats.client.Nats.connect(from.url());
        try {
            io.nats.client.Subscription s = sub.subscribe("routes.probe");
            sub.flush(java.time.Duration.ofSeconds(2));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (System.nanoTime() < deadline) {
                pub.publish("routes.probe", new byte[0]);
                if (s.nextMessage(java.time.Duration.ofMillis(100)) != null) {
                    return;
                }
            }
            throw new AssertionError("the servers did not form a cluster: " + from.output() + to.output());
        } finally {
            sub.close();
            pub.close();
        }
    }

    /** Kills the process at once, as a crash would. */
    public void kill() throws InterruptedException {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
    }

    public static Path binary() {
        List<String> dirs = new ArrayList<>(List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)));
        dirs.addAll(List.of("/usr/sbin", "/usr/bin", "/usr/local/bin", "/usr/local/sbin"));
        for (String d : dirs) {
            Path p = Path.of(d.isEmpty() ? "." : d, "nats-server");
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        throw new AssertionError(INSTALL_HINT);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private boolean accepts() {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    public int port() {
        return port;
    }

    public String url() {
        return "nats://127.0.0.1:" + port;
    }

    public String output() {
        return output.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
