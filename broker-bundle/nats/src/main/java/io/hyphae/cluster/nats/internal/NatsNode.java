package io.hyphae.cluster.nats.internal;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.Subscription;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.TopicPattern;
import io.hyphae.api.broker.spi.BrokerBridge;
import io.hyphae.api.receptionist.Receptionist;
import io.hyphae.api.spi.DeadLetterSink;
import io.hyphae.cluster.nats.ClusterException;
import io.hyphae.cluster.nats.ClusterMetrics;
import io.hyphae.cluster.nats.CodecException;
import io.hyphae.cluster.nats.MessageCodec;
import io.hyphae.cluster.nats.NatsCluster;
import io.hyphae.cluster.nats.internal.jmx.ClusterMBean;
import io.nats.client.Connection;
import io.nats.client.ConnectionListener;
import io.nats.client.ErrorListener;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import io.nats.client.Nats;
import io.nats.client.Options;
import java.io.IOException;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.LongAdder;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node: a {@link BrokerBridge} on the local broker, the NATS connection and the
 * dispatcher that receives the cluster topics and the actors' subjects. The broker hands
 * the bridge every publish on a cluster topic, on the publisher's thread and before local
 * delivery: it is encoded (a message that cannot travel fails the publish before any
 * delivery) and sent in a {@link Frames frame} that names its type and the sending node.
 * The connection does not echo a node's own publishes back to it. A message from another
 * node is decoded on the client's dispatcher thread and published to the local broker; the
 * bridge does not send it back, and since it carries the topic, a node with no matching
 * subscriber does not count it as a dead letter.
 */
public final class NatsNode implements NatsCluster {

    private static final Logger LOG = LoggerFactory.getLogger(NatsNode.class);

    /** How many bytes of received messages may wait for the dispatcher thread. */
    static final long RECEIVE_BUFFER_BYTES = 256L << 20;

    /** What a node is made from. */
    public record Settings(ActorSystem system, MessageBroker broker, List<String> servers, String node,
            List<TopicPattern> clusterTopics, MessageCodec codec, String user, char[] password, char[] token,
            String subjectPrefix, Duration connectTimeout, Duration heartbeat, Duration failureTimeout,
            List<TopicPattern> durableTopics, SSLContext tls, int durableReplicas, Duration durablePublishTimeout,
            char[] nkeySeed) {
    }

    private final Settings settings;
    private final Subjects subjects;
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final DeadLetterSink deadLetters;
    private final Remoting remoting;
    private final Subscription bridged;
    /** The topics kept on JetStream, or null. */
    private final DurableTopics durable;
    private final ClusterMBean mbean;
    /** Set on the dispatcher thread while it publishes what another node sent. */
    private final ThreadLocal<Boolean> inbound = ThreadLocal.withInitial(() -> Boolean.FALSE);
    private final byte[] nodeName;
    private final LongAdder forwarded = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder undecodable = new LongAdder();
    private final LongAdder forwardFailures = new LongAdder();

    private NatsNode(Settings settings, Connection connection, LoggingListener events) {
        this.settings = settings;
        this.subjects = new Subjects(settings.subjectPrefix());
        this.nodeName = Frames.nodeName(settings.node());
        this.connection = connection;
        this.deadLetters = settings.system().unwrap(DeadLetterSink.class);
        this.dispatcher = connection.createDispatcher(this::onMessage);
        // The client drops what arrives beyond its buffer (NATS has no flow control): a
        // burst from a faster node must fit. No count limit, and bytes well above the
        // client's 64 MB default; drops are logged and counted.
        dispatcher.setPendingLimits(0, RECEIVE_BUFFER_BYTES);
        for (TopicPattern p : settings.clusterTopics()) {
            for (String subject : subjects.subjects(p)) {
                dispatcher.subscribe(subject);
            }
        }
        this.remoting = new Remoting(settings, connection, dispatcher);
        events.membership = remoting.membership();
        Subscription b;
        DurableTopics d = null;
        try {
            if (!settings.durableTopics().isEmpty()) {
                d = new DurableTopics(settings.durableTopics(), remoting.controlPrefix() + ".d",
                        "HYPHAE_" + settings.subjectPrefix().replace('.', '_').replace('-', '_'), connection, dispatcher,
                        settings.node(), remoting.run(), remoting, this::publishInbound, this::reject,
                        settings.durableReplicas(), settings.durablePublishTimeout());
            }
            b = settings.broker().bridge(new Bridge());
        } catch (RuntimeException e) {
            remoting.close();
            throw e;
        }
        this.durable = d;
        this.mbean = ClusterMBean.register(this);
        this.bridged = b;
        remoting.start();
    }

    /**
     * Connects a node.
     *
     * @param s its settings
     * @return the node
     * @throws ClusterException if no server answers within the timeout or the credentials are refused
     */
    public static NatsCluster connect(Settings s) {
        LoggingListener events = new LoggingListener(s.node());
        Options.Builder o = new Options.Builder()
                .servers(s.servers().toArray(new String[0]))
                .connectionName("hyphae-" + s.node())
                .noEcho()
                .connectionTimeout(s.connectTimeout())
                .maxReconnects(-1)
                .reconnectWait(Duration.ofMillis(250))
                .noRandomize()
                .errorListener(events)
                .connectionListener(events);
        if (s.user() != null) {
            o.userInfo(s.user().toCharArray(), s.password());
        }
        if (s.token() != null) {
            o.token(s.token());
        }
        if (s.tls() != null) {
            o.sslContext(s.tls());
        }
        if (s.nkeySeed() != null) {
            try {
                o.authHandler(Nats.staticCredentials(null, s.nkeySeed()));
            } catch (LinkageError | RuntimeException e) {
                throw new ClusterException("node '" + s.node() + "' cannot use an nkey: " + e
                        + " (nkeys need Bouncy Castle: in a container, deploy its bcprov bundle)", e);
            }
        }
        Connection c;
        try {
            c = Nats.connect(o.build());
        } catch (IOException | LinkageError e) {
            throw new ClusterException("node '" + s.node() + "' could not join the cluster at " + s.servers() + ": "
                    + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while node '" + s.node() + "' connected", e);
        }
        try {
            NatsNode n = new NatsNode(s, c, events);
            LOG.info("node '{}' joined the cluster at {} ({}); cluster topics {}", s.node(), c.getConnectedUrl(),
                    c.getServerInfo().getServerId(), s.clusterTopics());
            return n;
        } catch (RuntimeException e) {
            closeQuietly(c);
            throw e;
        }
    }

    private static void closeQuietly(Connection c) {
        try {
            c.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Whether some topic matches both patterns. */
    public static boolean overlap(TopicPattern a, TopicPattern b) {
        return overlap(a, 0, b, 0);
    }

    private static boolean overlap(TopicPattern a, int i, TopicPattern b, int j) {
        if (i < a.size() && a.kind(i) == TopicPattern.Kind.MULTI || j < b.size() && b.kind(j) == TopicPattern.Kind.MULTI) {
            return true;
        }
        if (i == a.size() || j == b.size()) {
            return i == a.size() && j == b.size();
        }
        if (a.kind(i) == TopicPattern.Kind.LITERAL && b.kind(j) == TopicPattern.Kind.LITERAL
                && !a.segment(i).equals(b.segment(j))) {
            return false;
        }
        return overlap(a, i + 1, b, j + 1);
    }

    private boolean isClusterTopic(String topic) {
        for (TopicPattern p : settings.clusterTopics()) {
            if (p.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /** A message from another node, on the client's dispatcher thread. */
    private void onMessage(Message m) {
        byte[] data = m.getData() == null ? new byte[0] : m.getData();
        if (remoting.owns(m.getSubject())) {
            try {
                remoting.onMessage(m, data);
            } catch (CodecException e) {
                reject(m.getSubject(), "undecodable message on " + m.getSubject() + ": " + e.getMessage());
            } catch (RuntimeException e) {
                LOG.warn("node '{}' could not deliver a message on {}: {}", settings.node(), m.getSubject(), e.toString());
            }
            return;
        }
        String topic = subjects.topic(m.getSubject());
        if (topic == null) {
            reject(m.getSubject(), "a frame on subject " + m.getSubject() + ", which names no topic (" + data.length
                    + " bytes)");
            return;
        }
        Frames.Frame f;
        try {
            f = Frames.parse(data);
        } catch (CodecException e) {
            reject(topic, "a malformed frame on " + topic + ": " + e.getMessage());
            return;
        }
        Object message;
        try {
            message = remoting.codec().decode(f.type(), Arrays.copyOfRange(data, f.bodyOffset(), data.length));
        } catch (CodecException e) {
            reject(topic, "undecodable " + f.type() + " from node " + f.node() + " on " + topic + ": " + e.getMessage());
            return;
        } catch (RuntimeException e) {
            reject(topic, "undecodable " + f.type() + " from node " + f.node() + " on " + topic + ": " + e);
            return;
        }
        if (message == null) {
            reject(topic, "a null " + f.type() + " from node " + f.node() + " on " + topic);
            return;
        }
        received.increment();
        publishInbound(topic, message);
    }

    /** Publishes what another node sent to the local broker, which then does not send it back. */
    private void publishInbound(String topic, Object message) {
        inbound.set(Boolean.TRUE);
        try {
            settings.broker().publish(topic, message);
        } finally {
            inbound.set(Boolean.FALSE);
        }
    }

    private void reject(String where, String what) {
        undecodable.increment();
        deadLetters.deadLetter(what, new Addressed(where, "cluster:" + where), DeadLetter.Reason.UNDECODABLE);
    }

    @Override
    public String node() {
        return settings.node();
    }

    @Override
    public MessageBroker broker() {
        return settings.broker();
    }

    @Override
    public Subscription export(String name, ActorRef<?> actor) {
        return remoting.export(name, actor);
    }

    @Override
    public <M> ActorRef<M> actor(String name) {
        return remoting.actor(name);
    }

    @Override
    public Receptionist receptionist() {
        return remoting.receptionist();
    }

    @Override
    public List<String> nodes() {
        return remoting.membership().nodes();
    }

    @Override
    public Map<String, String> exports() {
        return remoting.membership().exports();
    }

    /**
     * Encodes and decodes with another codec from now on, for example when the container's
     * message types change; messages already being decoded finish with the old one.
     *
     * @param codec the codec
     */
    public void useCodec(MessageCodec codec) {
        remoting.useCodec(Objects.requireNonNull(codec, "codec"));
    }

    /** The servers' URLs and the one connected now, or null. */
    public String connectedUrl() {
        return connection.getConnectedUrl();
    }

    /** The cluster topics' patterns. */
    public List<TopicPattern> clusterTopics() {
        return settings.clusterTopics();
    }

    /** The cluster and durable topics' patterns, as text; durable ones marked. */
    public List<String> topicPatterns() {
        List<String> out = new java.util.ArrayList<>();
        settings.clusterTopics().forEach(p -> out.add(p.text()));
        settings.durableTopics().forEach(p -> out.add(p.text() + " (durable)"));
        return out;
    }

    @Override
    public ClusterMetrics metrics() {
        return new ClusterMetrics(forwarded.sum(), received.sum(), undecodable.sum(), forwardFailures.sum(),
                connection.getStatus() == Connection.Status.CONNECTED, remoting.sent(), remoting.received(),
                remoting.deadLettered(), remoting.membership().size(), dispatcher.getDroppedCount());
    }

    @Override
    public void close() {
        bridged.cancel();
        if (mbean != null) {
            mbean.unregister();
        }
        if (durable != null) {
            durable.close();
        }
        remoting.close();
        try {
            connection.closeDispatcher(dispatcher);
        } catch (IllegalStateException alreadyClosed) {
            // the connection went first
        }
        closeQuietly(connection);
        LOG.info("node '{}' left the cluster", settings.node());
    }

    @Override
    public String toString() {
        return "NatsCluster[" + settings.node() + "]";
    }

    /**
     * The client's errors and connection events, through SLF4J instead of its own console
     * logging; connection events also reach the membership.
     */
    private static final class LoggingListener implements ErrorListener, ConnectionListener {
        private final String node;
        volatile Membership membership;

        LoggingListener(String node) {
            this.node = node;
        }

        /** The client's older callback, which it still declares abstract. */
        @Override
        @SuppressWarnings("deprecation")
        public void connectionEvent(Connection conn, Events type) {
            connectionEvent(conn, type, null, null);
        }

        @Override
        public void connectionEvent(Connection conn, Events type, Long time, String uriDetails) {
            switch (type) {
                case DISCONNECTED -> {
                    LOG.warn("node '{}' lost its server; reconnecting", node);
                    Membership m = membership;
                    if (m != null) {
                        m.connectionLost();
                    }
                }
                case RECONNECTED -> {
                    LOG.info("node '{}' reconnected to {}", node, conn.getConnectedUrl());
                    Membership m = membership;
                    if (m != null) {
                        m.reconnected();
                    }
                }
                default -> LOG.debug("node '{}': {}", node, type);
            }
        }

        @Override
        public void slowConsumerDetected(Connection conn, io.nats.client.Consumer consumer) {
            LOG.warn("node '{}' receives faster than it can decode: the client dropped {} messages so far "
                    + "({} bytes waiting)", node, consumer.getDroppedCount(), consumer.getPendingByteCount());
        }

        @Override
        public void heartbeatAlarm(Connection conn, io.nats.client.JetStreamSubscription sub, long lastStreamSequence,
                long lastConsumerSequence) {
            LOG.debug("node '{}': the durable consumer missed its heartbeats; pulling again", node);
        }

        @Override
        public void pullStatusWarning(Connection conn, io.nats.client.JetStreamSubscription sub,
                io.nats.client.support.Status status) {
            LOG.debug("node '{}': durable consumer: {}", node, status);
        }

        @Override
        public void pullStatusError(Connection conn, io.nats.client.JetStreamSubscription sub,
                io.nats.client.support.Status status) {
            LOG.warn("node '{}': durable consumer: {}", node, status);
        }

        @Override
        public void errorOccurred(Connection conn, String error) {
            LOG.warn("node '{}': server error: {}", node, error);
        }

        @Override
        public void exceptionOccurred(Connection conn, Exception exp) {
            LOG.debug("node '{}': client exception: {}", node, exp.toString());
        }
    }

    /** Hands the cluster topics' publishes to the server. */
    private final class Bridge implements BrokerBridge {

        @Override
        public boolean carries(String topic) {
            return isClusterTopic(topic) || durable != null && durable.carries(topic);
        }

        @Override
        public void forward(String topic, Object message) {
            if (inbound.get()) {
                return; // from another node: delivered here only, and no dead letter if nobody here matches
            }
            if (durable != null && durable.carries(topic)) {
                durable.store(topic, remoting.codec(), message, connection);
                return;
            }
            MessageCodec.Encoded e = remoting.codec().encode(message);
            byte[] frame = Frames.frame(e.type(), nodeName, e.bytes());
            long max = connection.getMaxPayload();
            if (max > 0 && frame.length > max) {
                throw new ClusterException("a " + e.type() + " of " + frame.length + " bytes exceeds the server's "
                        + "limit of " + max + " bytes; not published to " + topic);
            }
            try {
                connection.publish(subjects.subject(topic), frame);
                forwarded.increment();
            } catch (IllegalStateException notSent) {
                forwardFailures.increment();
                LOG.debug("node '{}' could not send a publish on {}: {}", settings.node(), topic, notSent.toString());
            }
        }

        @Override
        public String toString() {
            return "cluster node '" + settings.node() + "' (topics " + settings.clusterTopics()
                    + (durable == null ? "" : ", durable " + settings.durableTopics()) + ")";
        }
    }
}
