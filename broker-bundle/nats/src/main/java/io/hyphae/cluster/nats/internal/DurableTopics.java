package io.hyphae.cluster.nats.internal;

import io.hyphae.api.broker.TopicPattern;
import io.hyphae.cluster.nats.ClusterException;
import io.hyphae.cluster.nats.CodecException;
import io.hyphae.cluster.nats.MessageCodec;
import io.nats.client.ConsumeOptions;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.JetStream;
import io.nats.client.JetStreamApiException;
import io.nats.client.JetStreamManagement;
import io.nats.client.JetStreamOptions;
import io.nats.client.Message;
import io.nats.client.MessageConsumer;
import io.nats.client.PublishOptions;
import io.nats.client.api.AckPolicy;
import io.nats.client.api.ConsumerConfiguration;
import io.nats.client.api.ConsumerInfo;
import io.nats.client.api.DeliverPolicy;
import io.nats.client.api.MessageInfo;
import io.nats.client.api.StorageType;
import io.nats.client.api.StreamConfiguration;
import io.nats.client.impl.NatsMessage;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Topics kept on JetStream: a publish is stored by the server before the publisher's call
 * returns (or the call fails with {@link ClusterException} and nobody gets it), and every
 * node reads them through a durable consumer named after the node, so a node that was
 * down gets what it missed when it comes back, in order. Each publish carries a message id,
 * so the server drops a publish the client sent twice. A node handles the stream in
 * sequence order: a message redelivered after the node handled it (its acknowledgement was
 * lost) is only acknowledged again, and one that arrives past a gap (deliveries lost with
 * a server that failed, which the server would send again only after the acknowledgement
 * wait) waits until the node has read the gap from the stream itself.
 *
 * <p>The stream holds the subjects of the durable patterns under {@code <ctl>.d}; all nodes
 * must name the same patterns. A node's own publishes come back through its consumer; it
 * acknowledges and skips them, since its local subscribers had them at publish time.
 */
final class DurableTopics {

    private static final Logger LOG = LoggerFactory.getLogger(DurableTopics.class);

    /** How long one pull waits on the server. */
    static final long PULL_EXPIRES_MILLIS = 3_000;

    /** How long a message that arrived past a gap the node could not read waits before it comes again. */
    private static final Duration GAP_RETRY = Duration.ofMillis(250);
    /** How long one read of a missing message may wait for the stream's leader. */
    private static final Duration GAP_READ_TIMEOUT = Duration.ofMillis(500);
    /** JetStream's "no message found": the sequence was deleted, and nobody gets it. */
    private static final int NO_MESSAGE_FOUND = 10037;

    private final List<TopicPattern> patterns;
    private final Subjects subjects;
    private final JetStream js;
    private final MessageConsumer consumer;
    private final String stream;
    private final Duration publishTimeout;
    private final String self;
    private final byte[] nodeName;
    private final String idPrefix;
    private final AtomicLong ids = new AtomicLong();
    private final LongAdder stored = new LongAdder();
    private final LongAdder delivered = new LongAdder();
    /** The stream sequence up to which this node has handled every message; on the dispatcher thread. */
    private long handled;
    private final JetStreamManagement gapReader;
    /** No read of a gap before this {@code nanoTime} after one failed; on the dispatcher thread. */
    private long nextGapRead;

    /**
     * Creates or checks the stream and starts the node's consumer.
     *
     * @param inbound publishes a decoded message from another node to the local broker
     * @param reject dead-letters what cannot be decoded: where, and what was wrong
     * @throws ClusterException if JetStream is not enabled or the stream disagrees
     */
    DurableTopics(List<TopicPattern> patterns, String prefix, String stream, Connection connection,
            Dispatcher dispatcher, String self, String run, Remoting remoting, BiConsumer<String, Object> inbound,
            BiConsumer<String, String> reject, int replicas, Duration publishTimeout) {
        this.stream = stream;
        this.publishTimeout = publishTimeout;
        this.patterns = List.copyOf(patterns);
        this.subjects = new Subjects(prefix);
        this.self = self;
        this.nodeName = Frames.nodeName(self);
        this.idPrefix = self + "~" + run + "-";
        List<String> streamSubjects = new ArrayList<>();
        for (TopicPattern p : patterns) {
            streamSubjects.addAll(subjects.subjects(p));
        }
        try {
            JetStreamManagement jsm = connection.jetStreamManagement();
            // Short requests for gaps: they are read on the dispatcher thread the node's
            // other subjects share, and a stream without a leader must not hold it for long.
            this.gapReader = connection.jetStreamManagement(JetStreamOptions.builder()
                    .requestTimeout(GAP_READ_TIMEOUT).build());
            StreamConfiguration sc = StreamConfiguration.builder().name(stream).subjects(streamSubjects)
                    .storageType(StorageType.File).replicas(replicas).duplicateWindow(Duration.ofMinutes(2)).build();
            try {
                jsm.getStreamInfo(stream);
                jsm.updateStream(sc);
            } catch (JetStreamApiException notThere) {
                if (notThere.getApiErrorCode() != 10059) { // stream not found
                    throw notThere;
                }
                jsm.addStream(sc);
            }
            this.js = connection.jetStream();
            // A pull consumer: the client asks for batches and asks again after a reconnect
            // or a server restart, where a push consumer's delivery can stall.
            String durableName = Subjects.token(self);
            ConsumerInfo info = jsm.addOrUpdateConsumer(stream, ConsumerConfiguration.builder().durable(durableName)
                    .ackPolicy(AckPolicy.Explicit).deliverPolicy(DeliverPolicy.All).filterSubject(prefix + ".>")
                    .ackWait(Duration.ofSeconds(30)).maxAckPending(10_000L).build());
            // Everything up to the acknowledgement floor was handled before (by an earlier run).
            this.handled = info.getAckFloor() == null ? 0 : info.getAckFloor().getStreamSequence();
            // Short pulls: a pull the server lost in a restart is noticed by its missing
            // heartbeats, which come at a fraction of this, and then made again.
            this.consumer = connection.getConsumerContext(stream, durableName).consume(
                    ConsumeOptions.builder().expiresIn(PULL_EXPIRES_MILLIS).build(), dispatcher,
                    m -> onMessage(m, remoting, inbound, reject));
        } catch (IOException | JetStreamApiException e) {
            throw new ClusterException("node '" + self + "' could not set up durable topics " + patterns
                    + " on stream " + stream + " (is JetStream enabled on the server?): " + e.getMessage(), e);
        }
    }

    boolean carries(String topic) {
        for (TopicPattern p : patterns) {
            if (p.matches(topic)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Stores a publish; returns once the server has it. Until the deadline it waits out a
     * disconnection and sends again after an unanswered attempt, always with the same
     * message id, so the server keeps it once however often it arrives (a server failing
     * over, a reconnect). It never sends while disconnected, so nothing it gave up on is
     * sent later from the client's reconnect buffer.
     *
     * @throws ClusterException after the deadline: not stored if no attempt reached the
     *         server, possibly stored (once) if the last one was not answered
     */
    void store(String topic, MessageCodec codec, Object message, Connection connection) {
        long maxPayload = connection.getMaxPayload();
        MessageCodec.Encoded e = codec.encode(message);
        byte[] frame = Frames.frame(e.type(), nodeName, e.bytes());
        if (maxPayload > 0 && frame.length > maxPayload) {
            throw new ClusterException("a " + e.type() + " of " + frame.length + " bytes exceeds the server's limit of "
                    + maxPayload + " bytes; not published to " + topic);
        }
        Message m = NatsMessage.builder().subject(subjects.subject(topic)).data(frame).build();
        PublishOptions once = PublishOptions.builder().messageId(idPrefix + ids.incrementAndGet())
                .expectedStream(stream).build();
        long deadline = System.nanoTime() + publishTimeout.toNanos();
        boolean sent = false;
        Exception last = null;
        while (System.nanoTime() < deadline) {
            if (connection.getStatus() != Connection.Status.CONNECTED) {
                pause();
                continue;
            }
            try {
                sent = true;
                js.publish(m, once);
                stored.increment();
                return;
            } catch (JetStreamApiException | IOException | IllegalStateException ex) {
                last = ex; // no stream leader yet, an unanswered attempt, or the connection just went
                pause();
            }
        }
        throw new ClusterException("the server did not confirm a publish on durable topic " + topic + " within "
                + publishTimeout.toMillis() + " ms; " + (sent ? "it may have been stored, and then every node gets it "
                + "once" : "it was not sent, and nobody got it") + (last == null ? "" : ": " + last.getMessage()), last);
    }

    private static void pause() {
        try {
            Thread.sleep(25);
        } catch (InterruptedException ie) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while publishing on a durable topic", ie);
        }
    }

    private void onMessage(Message m, Remoting remoting, BiConsumer<String, Object> inbound,
            BiConsumer<String, String> reject) {
        long seq = m.metaData().streamSequence();
        if (seq <= handled) {
            m.ack(); // redelivered after its acknowledgement was lost
            return;
        }
        boolean gap = seq > handled + 1;
        if (gap && (System.nanoTime() - nextGapRead < 0 || !readGap(seq, remoting, inbound, reject))) {
            // Not now (the stream has no leader yet): have this one again later, in order.
            m.nakWithDelay(GAP_RETRY);
            return;
        }
        handle(seq, m.getSubject(), m.getData(), remoting, inbound, reject);
        m.ack();
    }

    /**
     * Reads and handles the messages after {@link #handled} and before {@code seq} from
     * the stream. Their own deliveries, if they come, find them handled.
     *
     * @return whether the gap is closed
     */
    private boolean readGap(long seq, Remoting remoting, BiConsumer<String, Object> inbound,
            BiConsumer<String, String> reject) {
        long from = handled + 1;
        while (handled + 1 < seq) {
            long next = handled + 1;
            MessageInfo missing;
            try {
                missing = gapReader.getMessage(stream, next);
            } catch (JetStreamApiException e) {
                if (e.getApiErrorCode() != NO_MESSAGE_FOUND) {
                    LOG.debug("node '{}': reading durable message {}: {}", self, next, e.getMessage());
                    nextGapRead = System.nanoTime() + GAP_RETRY.toNanos();
                    return false;
                }
                handled = next;
                continue;
            } catch (IOException | RuntimeException e) {
                LOG.debug("node '{}': reading durable message {}: {}", self, next, e.toString());
                nextGapRead = System.nanoTime() + GAP_RETRY.toNanos();
                return false;
            }
            handle(next, missing.getSubject(), missing.getData(), remoting, inbound, reject);
        }
        LOG.info("node '{}': durable messages {} to {} did not arrive in order; read them from stream {}", self, from,
                seq - 1, stream);
        return true;
    }

    /** Hands one stored message to the local broker, unless this node published it; marks it handled. */
    private void handle(long seq, String subject, byte[] body, Remoting remoting, BiConsumer<String, Object> inbound,
            BiConsumer<String, String> reject) {
        byte[] data = body == null ? new byte[0] : body;
        String topic = subjects.topic(subject);
        try {
            Frames.Frame f = Frames.parse(data);
            if (!f.node().equals(self) && topic != null) {
                Object message;
                try {
                    message = remoting.codec().decode(f.type(), Arrays.copyOfRange(data, f.bodyOffset(), data.length));
                } catch (CodecException e) {
                    throw e;
                } catch (RuntimeException e) {
                    // A codec that throws anything else cannot decode it either; in sequence
                    // order, a message left unhandled would hold back every one after it.
                    throw new CodecException("the codec failed on a " + f.type() + ": " + e, e);
                }
                if (message == null) {
                    throw new CodecException("a null " + f.type());
                }
                inbound.accept(topic, message);
                delivered.increment();
            }
        } catch (CodecException e) {
            LOG.warn("node '{}': undecodable durable message {} on {}: {}", self, seq, subject, e.getMessage());
            reject.accept(topic == null ? subject : topic, "undecodable durable message " + seq + ": "
                    + e.getMessage());
        }
        handled = seq;
    }

    void close() {
        try {
            consumer.stop();
        } catch (RuntimeException e) {
            LOG.debug("node '{}': stopping the durable consumer: {}", self, e.toString());
        }
    }

    long stored() {
        return stored.sum();
    }

    long delivered() {
        return delivered.sum();
    }
}
