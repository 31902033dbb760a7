package io.hyphae.cluster.nats.internal.osgi;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.Subscription;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.receptionist.Receptionist;
import io.hyphae.cluster.nats.ClusterMetrics;
import io.hyphae.cluster.nats.MessageCodec;
import io.hyphae.cluster.nats.MessageCodecs;
import io.hyphae.cluster.nats.MessageTypes;
import io.hyphae.cluster.nats.NatsCluster;
import io.hyphae.cluster.nats.internal.NatsNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.KeyManager;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The container's cluster node, active only while ConfigAdmin holds a configuration under
 * {@value NatsCluster#PID}. It bridges the container's broker, so every bundle's publishes
 * on the cluster topics reach the other nodes, and offers itself as the
 * {@link NatsCluster} service for exporting actors and reaching remote ones. Its codec
 * decodes the JDK value types and the classes of every {@link MessageTypes} service; those
 * may come and go while it runs. A changed configuration reconnects.
 */
@Component(immediate = true, service = NatsCluster.class, configurationPid = NatsCluster.PID,
        configurationPolicy = ConfigurationPolicy.REQUIRE)
public final class ClusterComponent implements NatsCluster {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterComponent.class);

    private final Map<MessageTypes, List<Class<?>>> types = new LinkedHashMap<>();
    private volatile NatsNode node;

    @Reference
    private ActorSystem system;

    @Reference
    private MessageBroker broker;

    /** For SCR. */
    public ClusterComponent() {
    }

    @Reference(service = MessageTypes.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addTypes(MessageTypes t) {
        synchronized (types) {
            types.put(t, List.copyOf(t.types()));
            recode();
        }
    }

    void removeTypes(MessageTypes t) {
        synchronized (types) {
            types.remove(t);
            recode();
        }
    }

    /** Under the lock of {@link #types}. */
    private MessageCodec codec() {
        Set<Class<?>> all = new LinkedHashSet<>();
        types.values().forEach(all::addAll);
        return MessageCodecs.json(all.toArray(new Class<?>[0]));
    }

    private void recode() {
        NatsNode n = node;
        if (n != null) {
            n.useCodec(codec());
            LOG.info("cluster node '{}' now decodes {} application types", n.node(), count());
        }
    }

    private int count() {
        return types.values().stream().mapToInt(List::size).sum();
    }

    @Activate
    void activate(Map<String, Object> properties) {
        NatsCluster.Builder b = NatsCluster.builder(system, broker);
        try {
            b.servers(list(properties, "servers", true).toArray(new String[0]));
            String nodeName = text(properties, "node");
            if (nodeName != null) {
                b.node(nodeName);
            }
            b.clusterTopics(list(properties, "topics", false).toArray(new String[0]));
            b.durableTopics(list(properties, "durableTopics", false).toArray(new String[0]));
            String replicas = text(properties, "durableReplicas");
            try {
                b.durability(replicas == null ? 1 : Integer.parseInt(replicas),
                        millis(properties, "durablePublishTimeoutMillis", 10_000));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'durableReplicas' is a number from 1 to 5, was '" + replicas + "'");
            }
            String prefix = text(properties, "subjectPrefix");
            if (prefix != null) {
                b.subjectPrefix(prefix);
            }
            String user = text(properties, "user");
            if (user != null) {
                String password = text(properties, "password");
                b.userPassword(user, password == null ? new char[0] : password.toCharArray());
            }
            String token = text(properties, "token");
            if (token != null) {
                b.token(token.toCharArray());
            }
            String seed = text(properties, "nkeySeed");
            if (seed != null) {
                b.nkey(seed.toCharArray());
            }
            SSLContext tls = tls(properties);
            if (tls != null) {
                b.tls(tls);
            }
            b.heartbeat(millis(properties, "heartbeatMillis", 1_000), millis(properties, "failureTimeoutMillis", 5_000));
            b.connectTimeout(millis(properties, "connectTimeoutMillis", 2_000));
        } catch (IllegalArgumentException e) {
            throw new InvalidConfigurationException("configuration " + NatsCluster.PID + ": " + e.getMessage(), e);
        }
        synchronized (types) {
            b.codec(codec());
            node = (NatsNode) b.connect();
        }
    }

    @Deactivate
    void deactivate() {
        NatsNode n = node;
        node = null;
        if (n != null) {
            n.close();
        }
    }

    private static String text(Map<String, Object> p, String key) {
        Object v = p.get(key);
        if (v == null) {
            return null;
        }
        String s = v instanceof String[] a ? String.join(",", a) : v.toString().trim();
        return s.isEmpty() ? null : s;
    }

    private static List<String> list(Map<String, Object> p, String key, boolean required) {
        String s = text(p, key);
        if (s == null) {
            if (required) {
                throw new IllegalArgumentException("'" + key + "' is required, for example nats://127.0.0.1:4222");
            }
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String part : Arrays.asList(s.split(","))) {
            if (!part.isBlank()) {
                out.add(part.trim());
            }
        }
        return out;
    }

    /** A TLS context from the PKCS12 files the configuration names, or null without a truststore. */
    private static SSLContext tls(Map<String, Object> p) {
        String trust = text(p, "tls.truststore");
        if (trust == null) {
            return null;
        }
        try {
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(load(trust, text(p, "tls.truststorePassword")));
            KeyManager[] keys = null;
            String key = text(p, "tls.keystore");
            if (key != null) {
                String password = text(p, "tls.keystorePassword");
                KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
                kmf.init(load(key, password), password == null ? new char[0] : password.toCharArray());
                keys = kmf.getKeyManagers();
            }
            SSLContext ctx = SSLContext.getInstance("TLS");
            ctx.init(keys, tmf.getTrustManagers(), null);
            return ctx;
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the TLS files cannot be read: " + e.getMessage(), e);
        }
    }

    private static KeyStore load(String path, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(Path.of(path))) {
            ks.load(in, password == null ? null : password.toCharArray());
        }
        return ks;
    }

    private static Duration millis(Map<String, Object> p, String key, long byDefault) {
        String s = text(p, key);
        if (s == null) {
            return Duration.ofMillis(byDefault);
        }
        try {
            return Duration.ofMillis(Long.parseLong(s));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + key + "' is a number of milliseconds, was '" + s + "'");
        }
    }

    /** The node, or null while it is not connected; for the shell. */
    NatsNode current() {
        return node;
    }

    private NatsNode live() {
        NatsNode n = node;
        if (n == null) {
            throw new IllegalStateException("the cluster node is not connected");
        }
        return n;
    }

    @Override
    public String node() {
        return live().node();
    }

    @Override
    public MessageBroker broker() {
        return broker;
    }

    @Override
    public Subscription export(String name, ActorRef<?> actor) {
        return live().export(name, actor);
    }

    @Override
    public <M> ActorRef<M> actor(String name) {
        return live().actor(name);
    }

    @Override
    public Receptionist receptionist() {
        return live().receptionist();
    }

    @Override
    public List<String> nodes() {
        return live().nodes();
    }

    @Override
    public Map<String, String> exports() {
        return live().exports();
    }

    @Override
    public ClusterMetrics metrics() {
        return live().metrics();
    }

    /** Closing the service does nothing: the configuration decides when the node leaves. */
    @Override
    public void close() {
        LOG.debug("close() on the container's cluster service ignored; remove {}.cfg to leave", NatsCluster.PID);
    }
}
