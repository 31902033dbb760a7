package io.hyphae.cluster.nats.internal;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.ExitReason;
import io.hyphae.api.Signal;
import io.hyphae.api.Subscription;
import io.hyphae.api.Terminated;
import io.hyphae.api.spi.DeadLetterSink;
import io.hyphae.api.spi.RemoteRef;
import io.hyphae.cluster.nats.ActorRefResolver;
import io.hyphae.cluster.nats.ClusterException;
import io.hyphae.cluster.nats.CodecException;
import io.hyphae.cluster.nats.MessageCodec;
import io.nats.client.Connection;
import io.nats.client.Dispatcher;
import io.nats.client.Message;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Actors across nodes. Subjects, under the control prefix (the topic prefix's last token
 * followed by {@code ~}, outside the topic space):
 * <ul>
 *   <li>{@code <ctl>.x.<name>}: messages to an exported name, received by the node that
 *       exports it (in a queue group, so a name exported twice still gets each message once);
 *   <li>{@code <ctl>.n.<node>.<run>.<id>}: messages to one actor of one node's run, by the
 *       id this node gave the ref when it first wrote it into a message;
 *   <li>{@code <ctl>.m}: {@link Membership}'s control messages.
 * </ul>
 * All arrive on the node's one dispatcher, so what a node sends arrives in the order sent:
 * a death report never overtakes the dead actor's last messages.
 */
final class Remoting implements ActorRefResolver {

    private static final Logger LOG = LoggerFactory.getLogger(Remoting.class);

    private record Export(String name, ActorRef<?> ref, String subject) {
    }

    private final ActorSystem system;
    private final Connection connection;
    private final Dispatcher dispatcher;
    private final DeadLetterSink deadLetters;
    private final String self;
    private final String run = Long.toString(ThreadLocalRandom.current().nextLong() >>> 1, 36);
    private final byte[] nodeName;
    private final String ctl;
    private final String inbox;
    private final String controlSubject;
    private volatile MessageCodec codec;
    private final RefTable table = new RefTable();
    private final ConcurrentHashMap<String, Export> exports = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Export> bySubject = new ConcurrentHashMap<>();
    private final Membership membership;
    private final ClusterReceptionist receptionist;
    private final ActorRef<ActorRef<?>> reporter;
    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    private final LongAdder dead = new LongAdder();

    Remoting(NatsNode.Settings s, Connection connection, Dispatcher dispatcher) {
        this.system = s.system();
        this.connection = connection;
        this.dispatcher = dispatcher;
        this.deadLetters = system.unwrap(DeadLetterSink.class);
        this.self = s.node();
        this.nodeName = Frames.nodeName(self);
        this.ctl = s.subjectPrefix() + "~";
        this.inbox = ctl + ".n." + Subjects.token(self) + "." + run + ".";
        this.controlSubject = ctl + ".m";
        this.codec = s.codec().bind(this);
        this.reporter = system.spawnAnonymous(ctx -> new Actor<ActorRef<?>>() {
            @Override
            public void receive(ActorRef<?> ref) {
                try {
                    ctx.watch(ref);
                } catch (IllegalArgumentException notAnActor) {
                    // a reply ref or an adapter: it ends only with this node
                }
            }

            @Override
            public void onSignal(Signal signal) {
                if (signal instanceof Terminated t) {
                    localDeath(t.ref(), t.reason());
                }
            }
        });
        this.receptionist = new ClusterReceptionist(this, system);
        this.membership = new Membership(this, connection, controlSubject, self, run, s.heartbeat(),
                s.failureTimeout());
        dispatcher.subscribe(controlSubject);
        dispatcher.subscribe(inbox + "*");
    }

    /** After the subscriptions are in place: say hello. */
    void start() {
        membership.join();
    }

    /** This node's run: a new one each time it connects. */
    String run() {
        return run;
    }

    /** The subject tokens under which this node's own subjects live. */
    String controlPrefix() {
        return ctl;
    }

    /** The node's codec, bound to this resolver. */
    MessageCodec codec() {
        return codec;
    }

    /** Encodes and decodes with another codec from now on. */
    void useCodec(MessageCodec unbound) {
        codec = unbound.bind(this);
    }

    ClusterReceptionist receptionist() {
        return receptionist;
    }

    /** What this node's heartbeats announce of its receptionist. */
    Map<String, List<String>> services() {
        return receptionist.announced();
    }

    /** Other nodes' registrations under these keys changed. */
    void servicesChanged(Set<String> keys) {
        receptionist.refresh(keys);
    }

    /** Reports the end of a local actor to {@link #localDeath}. */
    void watchLocal(ActorRef<?> ref) {
        reporter.tell(ref);
    }

    Membership membership() {
        return membership;
    }

    String nameSubject(String name) {
        return ctl + ".x." + Subjects.token(name);
    }

    String actorSubject(String node, String nodeRun, String id) {
        return ctl + ".n." + Subjects.token(node) + "." + nodeRun + "." + id;
    }

    /** Whether a subject is one of this class's. */
    boolean owns(String subject) {
        return subject.startsWith(ctl) && subject.length() > ctl.length() && subject.charAt(ctl.length()) == '.';
    }

    // ------------------------------------------------------------------ refs on the wire

    @Override
    public String address(ActorRef<?> ref) {
        Objects.requireNonNull(ref, "ref");
        if (ref instanceof RemoteActorRef<?> r) {
            return r.address();
        }
        if (ref instanceof RemoteRef<?>) {
            throw new CodecException(ref + " belongs to another transport; it cannot travel through this cluster");
        }
        return self + "~" + run + "/" + table.idOf(ref);
    }

    @Override
    public ActorRef<?> resolve(String address) {
        Objects.requireNonNull(address, "address");
        if (address.length() > 1 && address.charAt(0) == '@') {
            return actor(address.substring(1));
        }
        int slash = address.lastIndexOf('/');
        int tilde = slash < 0 ? -1 : address.lastIndexOf('~', slash);
        if (tilde <= 0 || slash - tilde < 2 || slash == address.length() - 1) {
            throw new CodecException("not an actor address: '" + address + "'");
        }
        String node = address.substring(0, tilde);
        String nodeRun = address.substring(tilde + 1, slash);
        String id = address.substring(slash + 1);
        if (!nodeRun.chars().allMatch(Character::isLetterOrDigit) || !id.chars().allMatch(Character::isLetterOrDigit)) {
            throw new CodecException("not an actor address: '" + address + "'");
        }
        if (self.equals(node) && run.equals(nodeRun)) {
            ActorRef<?> local = table.get(id);
            if (local != null) {
                return local;
            }
        }
        return RemoteActorRef.onNode(this, node, nodeRun, id);
    }

    // ------------------------------------------------------------------ exports

    @SuppressWarnings("unchecked")
    <M> ActorRef<M> actor(String name) {
        checkName(name);
        Export e = exports.get(name);
        return e != null ? (ActorRef<M>) e.ref() : RemoteActorRef.named(this, name);
    }

    Subscription export(String name, ActorRef<?> ref) {
        checkName(name);
        Objects.requireNonNull(ref, "actor");
        if (ref instanceof RemoteRef<?>) {
            throw new IllegalArgumentException("only a local actor can be exported; " + ref + " is remote");
        }
        Export e = new Export(name, ref, nameSubject(name));
        synchronized (exports) {
            if (exports.containsKey(name)) {
                throw new ClusterException("node '" + self + "' already exports '" + name + "'");
            }
            String other = membership.exporter(name);
            if (other != null && !other.equals(self)) {
                throw new ClusterException("'" + name + "' is already exported by node '" + other + "'");
            }
            exports.put(name, e);
            bySubject.put(e.subject(), e);
            dispatcher.subscribe(e.subject(), "x");
        }
        reporter.tell(ref);
        membership.announce(null);
        LOG.info("node '{}' exports {} as '{}'", self, ref.path(), name);
        return () -> withdraw(name, e, ExitReason.UNREACHABLE);
    }

    private static void checkName(String name) {
        if (Objects.requireNonNull(name, "name").isBlank()) {
            throw new IllegalArgumentException("an exported name is not blank");
        }
    }

    private void withdraw(String name, Export e, ExitReason why) {
        synchronized (exports) {
            if (!exports.remove(name, e)) {
                return;
            }
            bySubject.remove(e.subject());
            try {
                dispatcher.unsubscribe(e.subject());
            } catch (IllegalStateException closed) {
                return;
            }
        }
        membership.announce(Map.of(name, why.name()));
        LOG.info("node '{}' no longer exports '{}' ({})", self, name, why);
    }

    boolean exportsHere(String name) {
        return exports.containsKey(name);
    }

    List<String> exportedNames() {
        return exports.keySet().stream().sorted().toList();
    }

    /** Another node watches one of this node's refs: report its death when it comes. */
    void watchRequested(String id) {
        ActorRef<?> ref = table.get(id);
        if (ref == null) {
            membership.reportDeath(id, ExitReason.UNREACHABLE);
        } else {
            reporter.tell(ref);
        }
    }

    /** On the reporter's turn: a local actor that was exported or watched from afar has stopped. */
    private void localDeath(ActorRef<?> ref, ExitReason reason) {
        receptionist.localDeath(ref);
        for (Export e : exports.values()) {
            if (e.ref() == ref) {
                withdraw(e.name(), e, reason);
            }
        }
        String id = table.existingId(ref);
        if (id != null) {
            membership.reportDeath(id, reason);
            table.remove(id);
        }
    }

    // ------------------------------------------------------------------ sending

    @SuppressWarnings("unchecked")
    void send(RemoteActorRef<?> r, Object message) {
        ActorRef<Object> local = null;
        if (r.name != null) {
            Export e = exports.get(r.name);
            local = e == null ? null : (ActorRef<Object>) e.ref();
        } else if (self.equals(r.node) && run.equals(r.run)) {
            local = (ActorRef<Object>) table.get(r.id);
            if (local == null) {
                deadLetter(message, r);
                return;
            }
        }
        if (local != null) {
            local.tell(message);
            return;
        }
        if (membership.goneReason(r) != null) {
            deadLetter(message, r);
            return;
        }
        MessageCodec.Encoded e = codec.encode(message);
        byte[] frame = Frames.frame(e.type(), nodeName, e.bytes());
        long max = connection.getMaxPayload();
        if (max > 0 && frame.length > max) {
            throw new ClusterException("a " + e.type() + " of " + frame.length + " bytes exceeds the server's limit of "
                    + max + " bytes; not sent to " + r.path());
        }
        try {
            connection.publish(r.subject, frame);
            sent.increment();
        } catch (IllegalStateException closed) {
            deadLetter(message, r);
        }
    }

    private void deadLetter(Object message, ActorRef<?> to) {
        dead.increment();
        deadLetters.deadLetter(message, to, DeadLetter.Reason.RECIPIENT_TERMINATED);
    }

    // ------------------------------------------------------------------ receiving

    /**
     * A message on one of this class's subjects, on the client's dispatcher thread.
     *
     * @throws CodecException if it cannot be read; the node dead-letters it
     */
    @SuppressWarnings("unchecked")
    void onMessage(Message m, byte[] data) {
        String subject = m.getSubject();
        if (subject.equals(controlSubject)) {
            membership.onControl(data);
            return;
        }
        ActorRef<Object> target;
        ActorRef<?> addressed;
        if (subject.startsWith(inbox)) {
            String id = subject.substring(inbox.length());
            target = (ActorRef<Object>) table.get(id);
            addressed = target != null ? target : RemoteActorRef.onNode(this, self, run, id);
        } else {
            Export e = bySubject.get(subject);
            target = e == null ? null : (ActorRef<Object>) e.ref();
            addressed = target != null ? target : new Addressed(subject, "nats:" + subject);
        }
        Frames.Frame f = Frames.parse(data);
        Object message = codec.decode(f.type(), Arrays.copyOfRange(data, f.bodyOffset(), data.length));
        if (message == null) {
            throw new CodecException("a null " + f.type() + " from node " + f.node());
        }
        if (target == null) {
            deadLetter(message, addressed);
            return;
        }
        received.increment();
        target.tell(message);
    }

    long sent() {
        return sent.sum();
    }

    long received() {
        return received.sum();
    }

    long deadLettered() {
        return dead.sum();
    }

    void close() {
        membership.leave();
        system.stop(reporter);
    }

    @Override
    public String toString() {
        return "Remoting[" + self + "~" + run + ", " + exports.size() + " exports, " + table.size() + " refs written]";
    }
}
