package io.hyphae.cluster.nats;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Subscription;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.TopicPattern;
import io.hyphae.api.receptionist.Receptionist;
import io.hyphae.cluster.nats.internal.NatsNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import org.osgi.annotation.versioning.ProviderType;

/**
 * One node of a cluster: a system's broker joined to NATS. Publishes on the topics marked
 * cluster-wide reach the matching subscribers of every node; local subscribers get them
 * straight from the local broker, without a round trip through the server, and a node
 * never receives its own publishes back. Actors exported under a cluster-wide name are
 * reached from every node through {@link #actor}; nodes announce themselves with
 * heartbeats, and a node that leaves or falls silent makes its actors unreachable.
 *
 * <pre>{@code
 * try (NatsCluster node = NatsCluster.builder(system, broker)
 *         .servers("nats://127.0.0.1:4222")
 *         .clusterTopics("orders/#")
 *         .codec(MessageCodecs.json(Order.class))
 *         .connect()) {
 *     MessageBroker clustered = node.broker();     // publish and subscribe through this one
 *     clustered.subscribe("orders/+", handler);
 *     clustered.publish("orders/eu", new Order("apple", 3));
 *     node.export("stock", stockActor);            // on one node
 *     ActorRef<StockQuery> stock = node.actor("stock");   // on any node
 * }
 * }</pre>
 */
@ProviderType
public interface NatsCluster extends AutoCloseable {

    /**
     * The ConfigAdmin PID of the container's cluster node; without a configuration under it
     * the container joins no cluster. Keys: {@code servers} (comma-separated URLs,
     * required), {@code node}, {@code topics} and {@code durableTopics} (comma-separated
     * patterns), {@code durableReplicas}, {@code durablePublishTimeoutMillis},
     * {@code subjectPrefix}, {@code user} and {@code password} or {@code token} or
     * {@code nkeySeed},
     * {@code tls.truststore} and {@code tls.truststorePassword} (a PKCS12 file of the
     * certificates to trust; setting it turns TLS on), {@code tls.keystore} and
     * {@code tls.keystorePassword} (this node's certificate, if the server asks for one),
     * {@code heartbeatMillis}, {@code failureTimeoutMillis}, {@code connectTimeoutMillis}.
     */
    String PID = "io.hyphae.cluster.nats";

    /**
     * A builder for a node of {@code system} whose local broker is {@code broker}.
     *
     * @param system the actor system
     * @param broker its broker
     * @return a builder
     */
    static Builder builder(ActorSystem system, MessageBroker broker) {
        return new Builder(system, broker);
    }

    /**
     * This node's name, unique in the cluster.
     *
     * @return the name
     */
    String node();

    /**
     * The cluster-aware broker: the local broker's subscriptions and requests, and publishes
     * that also go to the other nodes when their topic is cluster-wide.
     *
     * @return the broker
     */
    MessageBroker broker();

    /**
     * Exports a local actor under a cluster-wide name: every node's {@link #actor} for that
     * name reaches it. The export ends when the actor terminates (nodes watching the name get
     * {@code Terminated} with its reason) or when the returned subscription is cancelled.
     *
     * @param name the name, not blank
     * @param actor a local actor
     * @return cancels the export
     * @throws ClusterException if this node or another live node already exports the name
     * @throws IllegalArgumentException if the name is blank or the actor is a remote ref
     */
    Subscription export(String name, ActorRef<?> actor);

    /**
     * A ref to the actor exported under {@code name}, on whatever node exports it: the
     * local actor itself if this node does, otherwise a {@link io.hyphae.api.spi.RemoteRef}.
     * {@code tell}, {@code ask} and {@code watch} work on it as on a local ref. Messages and
     * the refs inside them travel through this node's codec; a message the codec refuses
     * makes {@code tell} throw {@link CodecException}. Once the name's exporter is known to
     * be gone, messages to it are dead letters, watchers get {@code Terminated} and asks fail
     * with {@link io.hyphae.api.ActorUnreachableException}; so with a name no node exports,
     * once this node has heard every live node's heartbeat (two intervals after it joined).
     *
     * @param <M> the messages the actor accepts
     * @param name the exported name
     * @return the ref; valid before the name is exported
     * @throws IllegalArgumentException if the name is blank
     */
    <M> ActorRef<M> actor(String name);

    /**
     * The receptionist across the cluster: a registration is seen by every node, and a
     * listing holds this node's registered actors followed by those of every live node (as
     * remote refs) for the same key, the same id and message type. Subscribers get a new
     * listing when a registration comes or goes anywhere, and when a node leaves.
     *
     * @return the receptionist
     */
    Receptionist receptionist();

    /**
     * The other nodes this node sees: those whose heartbeats arrive.
     *
     * @return node names, sorted
     */
    List<String> nodes();

    /**
     * The exported names this node knows, with the node that exports each.
     *
     * @return name to node, sorted by name
     */
    Map<String, String> exports();

    /**
     * This node's counters.
     *
     * @return a snapshot
     */
    ClusterMetrics metrics();

    /** Leaves the cluster: stops receiving and closes the connection. Local subscriptions stay. */
    @Override
    void close();

    /** Settings of a node; {@link #connect()} joins it. */
    final class Builder {
        private final ActorSystem system;
        private final MessageBroker broker;
        private final List<String> servers = new ArrayList<>();
        private final List<TopicPattern> clusterTopics = new ArrayList<>();
        private final List<TopicPattern> durableTopics = new ArrayList<>();
        private String node;
        private MessageCodec codec;
        private String user;
        private char[] password;
        private char[] token;
        private char[] nkeySeed;
        private String subjectPrefix = "hyphae.t";
        private Duration connectTimeout = Duration.ofSeconds(2);
        private SSLContext tls;
        private int durableReplicas = 1;
        private Duration durablePublishTimeout = Duration.ofSeconds(10);
        private Duration heartbeat = Duration.ofSeconds(1);
        private Duration failureTimeout = Duration.ofSeconds(5);

        Builder(ActorSystem system, MessageBroker broker) {
            this.system = Objects.requireNonNull(system, "system");
            this.broker = Objects.requireNonNull(broker, "broker");
            this.node = system.name() + "-" + ProcessHandle.current().pid();
        }

        /**
         * The servers to connect to, for example {@code nats://127.0.0.1:4222}; the client
         * fails over between them and reconnects.
         *
         * @param urls at least one URL
         * @return this builder
         */
        public Builder servers(String... urls) {
            for (String u : urls) {
                servers.add(Objects.requireNonNull(u, "url"));
            }
            return this;
        }

        /**
         * This node's name (default: the system's name and the process id).
         *
         * @param name a non-blank name
         * @return this builder
         */
        public Builder node(String name) {
            if (Objects.requireNonNull(name, "name").isBlank()) {
                throw new IllegalArgumentException("a node needs a name");
            }
            this.node = name;
            return this;
        }

        /**
         * Marks topics as cluster-wide, by patterns in the broker's syntax. Patterns may not
         * overlap (no topic may match two of them), so each publish travels once.
         *
         * @param patterns the patterns
         * @return this builder
         * @throws io.hyphae.api.broker.InvalidTopicException if a pattern is malformed
         * @throws IllegalArgumentException if two patterns overlap
         */
        public Builder clusterTopics(String... patterns) {
            for (String p : patterns) {
                clusterTopics.add(checked(p));
            }
            return this;
        }

        /**
         * Marks topics as durable: kept on the server's JetStream (which must be enabled)
         * and delivered to every node, including one that was down when they were
         * published, once it is back, in order and once. A publish returns once the server
         * has stored it; it waits out reconnects and a server failing over, sending again
         * with the same message id, so the server keeps it once. If the server does not
         * confirm within the timeout ({@link #durability}) it throws {@link ClusterException}:
         * then nobody got it if it was never sent, or every node gets it once if the last
         * attempt was stored. A node takes what it missed as soon as it connects, so
         * subscribe to durable topics on the broker before {@link #connect()}: a message that
         * finds no local subscriber on its node is acknowledged all the same. Patterns
         * may not overlap each other or the cluster topics, and all nodes must name the same.
         *
         * @param patterns the patterns
         * @return this builder
         * @throws io.hyphae.api.broker.InvalidTopicException if a pattern is malformed
         * @throws IllegalArgumentException if two patterns overlap
         */
        public Builder durableTopics(String... patterns) {
            for (String p : patterns) {
                durableTopics.add(checked(p));
            }
            return this;
        }

        /**
         * How durable topics are kept: on how many JetStream servers (1 to 5; with 3, a
         * stream survives losing one server), and how long a publish may wait for the
         * server's confirmation, through reconnects and a server failing over, before it
         * throws (defaults 1 and 10 s).
         *
         * @param replicas servers that keep each message
         * @param publishTimeout positive
         * @return this builder
         */
        public Builder durability(int replicas, Duration publishTimeout) {
            if (replicas < 1 || replicas > 5) {
                throw new IllegalArgumentException("JetStream keeps 1 to 5 replicas, not " + replicas);
            }
            if (Objects.requireNonNull(publishTimeout, "publishTimeout").isNegative() || publishTimeout.isZero()) {
                throw new IllegalArgumentException("a publish timeout is positive, was " + publishTimeout);
            }
            this.durableReplicas = replicas;
            this.durablePublishTimeout = publishTimeout;
            return this;
        }

        private TopicPattern checked(String p) {
            TopicPattern parsed = TopicPattern.parse(Objects.requireNonNull(p, "pattern"));
            List<TopicPattern> all = new ArrayList<>(clusterTopics);
            all.addAll(durableTopics);
            for (TopicPattern other : all) {
                if (NatsNode.overlap(parsed, other)) {
                    throw new IllegalArgumentException("topic patterns '" + other.text() + "' and '"
                            + parsed.text() + "' overlap; a topic may match only one");
                }
            }
            return parsed;
        }

        /**
         * How messages travel (required).
         *
         * @param messageCodec for example {@link MessageCodecs#json}
         * @return this builder
         */
        public Builder codec(MessageCodec messageCodec) {
            this.codec = Objects.requireNonNull(messageCodec, "codec");
            return this;
        }

        /**
         * Connects with a user and password.
         *
         * @param name the user
         * @param secret the password
         * @return this builder
         */
        public Builder userPassword(String name, char[] secret) {
            this.user = Objects.requireNonNull(name, "user");
            this.password = Objects.requireNonNull(secret, "password").clone();
            return this;
        }

        /**
         * Connects with a token.
         *
         * @param secret the token
         * @return this builder
         */
        public Builder token(char[] secret) {
            this.token = Objects.requireNonNull(secret, "token").clone();
            return this;
        }

        /**
         * Connects with an nkey: the server knows the public key, and this node proves it
         * holds the seed by signing the server's challenge. Needs Bouncy Castle, which jnats
         * brings on the module path; a container needs its {@code bcprov} bundle deployed.
         *
         * @param seed the user's nkey seed (starts with {@code SU})
         * @return this builder
         */
        public Builder nkey(char[] seed) {
            this.nkeySeed = Objects.requireNonNull(seed, "seed").clone();
            return this;
        }

        /**
         * Connects over TLS: the context's trust managers check the server's certificate,
         * and its key managers, if any, present this node's certificate to a server that
         * asks for one. Without it, a server that requires TLS refuses the connection.
         *
         * @param context the TLS context
         * @return this builder
         */
        public Builder tls(SSLContext context) {
            this.tls = Objects.requireNonNull(context, "context");
            return this;
        }

        /**
         * The subject tokens every topic travels under (default {@code hyphae.t}); nodes
         * of one cluster must agree.
         *
         * @param prefix dot-separated tokens of letters, digits, {@code _} and {@code -}
         * @return this builder
         */
        public Builder subjectPrefix(String prefix) {
            if (!Objects.requireNonNull(prefix, "prefix").matches("[A-Za-z0-9_-]+(\\.[A-Za-z0-9_-]+)*")) {
                throw new IllegalArgumentException("a subject prefix is dot-separated tokens of letters, digits, "
                        + "_ and -; was '" + prefix + "'");
            }
            this.subjectPrefix = prefix;
            return this;
        }

        /**
         * How long {@link #connect()} tries before it gives up (default 2 s).
         *
         * @param timeout a positive duration
         * @return this builder
         */
        public Builder connectTimeout(Duration timeout) {
            if (Objects.requireNonNull(timeout, "timeout").isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("a connect timeout is positive, was " + timeout);
            }
            this.connectTimeout = timeout;
            return this;
        }

        /**
         * How often this node announces itself, and how long another node may stay silent
         * before this one treats it as gone (defaults 1 s and 5 s). A node that leaves with
         * {@link NatsCluster#close()} says so, and is gone at once.
         *
         * @param interval the heartbeat interval, positive
         * @param timeout the silence after which a node is gone, at least twice the interval
         * @return this builder
         */
        public Builder heartbeat(Duration interval, Duration timeout) {
            Objects.requireNonNull(interval, "interval");
            Objects.requireNonNull(timeout, "timeout");
            if (interval.isNegative() || interval.isZero() || timeout.compareTo(interval.multipliedBy(2)) < 0) {
                throw new IllegalArgumentException("a heartbeat interval is positive and the failure timeout at "
                        + "least twice as long; were " + interval + " and " + timeout);
            }
            this.heartbeat = interval;
            this.failureTimeout = timeout;
            return this;
        }

        /**
         * Connects and starts receiving the cluster topics.
         *
         * @return the node
         * @throws IllegalStateException if no server or no codec was given
         * @throws ClusterException if no server can be reached or the credentials are refused
         */
        public NatsCluster connect() {
            if (servers.isEmpty()) {
                throw new IllegalStateException("a node needs at least one server URL");
            }
            if (codec == null) {
                throw new IllegalStateException("a node needs a codec, for example MessageCodecs.json(...)");
            }
            return NatsNode.connect(new NatsNode.Settings(system, broker, List.copyOf(servers), node,
                    List.copyOf(clusterTopics), codec, user, password, token, subjectPrefix, connectTimeout,
                    heartbeat, failureTimeout, List.copyOf(durableTopics), tls, durableReplicas,
                    durablePublishTimeout, nkeySeed));
        }
    }
}
