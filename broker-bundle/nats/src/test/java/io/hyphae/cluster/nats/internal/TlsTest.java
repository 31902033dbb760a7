package io.hyphae.cluster.nats.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.shutdown.ShutdownSettings;
import io.hyphae.cluster.nats.ClusterException;
import io.hyphae.cluster.nats.MessageCodecs;
import io.hyphae.cluster.nats.NatsCluster;
import io.hyphae.cluster.nats.testsupport.NatsServer;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Key;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.Test;

/**
 * A server that requires TLS, with a certificate made for the test: nodes with a context
 * that trusts it exchange cluster topics; a node without TLS, or trusting another
 * certificate, gets a typed error at connect.
 */
class TlsTest {

    private static final char[] PASSWORD = "changeit".toCharArray();

    @Test
    void nodesConnectOverTlsAndAnUntrustedOrPlainClientIsRefused() throws Exception {
        Path dir = Files.createTempDirectory("nats-tls-");
        KeyStore server = certificate(dir, "server");
        Certificate cert = server.getCertificate("nats");
        Key key = server.getKey("nats", PASSWORD);
        Path certPem = dir.resolve("server.pem");
        Path keyPem = dir.resolve("server-key.pem");
        Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
        Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));
        SSLContext trusting = trusting(cert);
        SSLContext other = trusting(certificate(dir, "other").getCertificate("nats"));

        try (NatsServer nats = NatsServer.start("tls {", "  cert_file: \"" + certPem + "\"",
                "  key_file: \"" + keyPem + "\"", "}");
                ActorSystem a = system("tls-a");
                ActorSystem b = system("tls-b")) {
            NatsCluster na = NatsCluster.builder(a, MessageBroker.builder(a).build()).servers(nats.url()).node("a")
                    .clusterTopics("t/#").codec(MessageCodecs.json()).tls(trusting).connect();
            NatsCluster nb = NatsCluster.builder(b, MessageBroker.builder(b).build()).servers(nats.url()).node("b")
                    .clusterTopics("t/#").codec(MessageCodecs.json()).tls(trusting).connect();
            Queue<Object> got = new ConcurrentLinkedQueue<>();
            nb.broker().subscribe("t/+", b.spawnAnonymous(ctx -> got::add));
            Thread.sleep(100);
            na.broker().publish("t/x", "over TLS");
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (got.isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(List.of("over TLS"), List.copyOf(got));

            ClusterException plain = assertThrows(ClusterException.class, () -> NatsCluster.builder(a,
                    MessageBroker.builder(a).build()).servers(nats.url()).node("plain").codec(MessageCodecs.json())
                    .connectTimeout(Duration.ofSeconds(1)).connect());
            assertTrue(plain.getMessage().contains("could not join"), plain.getMessage());
            assertThrows(ClusterException.class, () -> NatsCluster.builder(a, MessageBroker.builder(a).build())
                    .servers(nats.url()).node("untrusting").codec(MessageCodecs.json()).tls(other)
                    .connectTimeout(Duration.ofSeconds(1)).connect());
            na.close();
            nb.close();
        }
    }

    private static ActorSystem system(String name) {
        return ActorSystem.builder().config(ActorSystemConfig.defaults().withName(name).withDispatcherThreads(1)
                .withShutdown(ShutdownSettings.defaults().withJvmHook(false))).build();
    }

    /** A self-signed certificate for 127.0.0.1, made by the JDK's keytool. */
    private static KeyStore certificate(Path dir, String name) throws Exception {
        Path store = dir.resolve(name + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "nats", "-keyalg", "RSA", "-keysize", "2048", "-dname", "CN=" + name,
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            ks.load(in, PASSWORD);
        }
        return ks;
    }

    private static SSLContext trusting(Certificate cert) throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("nats", cert);
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        SSLContext ctx = SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der) + "\n-----END " + type + "-----\n";
    }
}
