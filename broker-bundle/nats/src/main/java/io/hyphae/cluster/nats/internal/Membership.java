package io.hyphae.cluster.nats.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.hyphae.api.ExitReason;
import io.hyphae.api.time.Cancellable;
import io.hyphae.cluster.nats.CodecException;
import io.nats.client.Connection;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which nodes are up and what they export, learned from the control messages every node
 * sends on one subject: {@code join} when it connects (each node that hears it answers with
 * a heartbeat), a {@code beat} with its exports every interval and at once when they change,
 * {@code leave} when it closes, {@code death} when an actor another node watches stops, and
 * {@code watch} to ask a node for that report. A node silent for the failure timeout is
 * gone; so is a node whose name comes back with a new run.
 *
 * <p>Watches of remote refs live here: each fires once, with the actor's own exit reason
 * when its node reported it and {@link ExitReason#UNREACHABLE} when the node went.
 * Directory changes happen under this object's lock, and callbacks run after it is
 * released; the lookups on the send path read concurrent maps without locking.
 */
final class Membership {

    private static final Logger LOG = LoggerFactory.getLogger(Membership.class);

    static final String JOIN = "join";
    static final String BEAT = "beat";
    static final String LEAVE = "leave";
    static final String DEATH = "death";
    static final String WATCH = "watch";

    /**
     * One control message.
     *
     * @param kind what it says
     * @param node the sender's name
     * @param run the sender's run (a new one each time a node connects)
     * @param exports a beat's exported names
     * @param gone a beat's names withdrawn since the last one, with the reason
     * @param target the node and run a watch is for ({@code node~run})
     * @param id the actor a death or a watch is about
     * @param reason a death's exit reason
     * @param services a beat's receptionist registrations: service key to actor addresses
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Control(String kind, String node, String run, List<String> exports, Map<String, String> gone,
            String target, String id, String reason, Map<String, List<String>> services) {
    }

    private static final class Member {
        final String node;
        final String run;
        volatile long lastSeen;
        Set<String> exports = Set.of();
        Map<String, List<String>> services = Map.of();

        Member(String node, String run) {
            this.node = node;
            this.run = run;
        }

        String key() {
            return node + "~" + run;
        }
    }

    private final class Watch implements Cancellable {
        final String address;
        final Consumer<ExitReason> gone;
        final AtomicBoolean done = new AtomicBoolean();
        Set<Watch> in;

        Watch(String address, Consumer<ExitReason> gone) {
            this.address = address;
            this.gone = gone;
        }

        void fire(ExitReason reason) {
            if (done.compareAndSet(false, true)) {
                try {
                    gone.accept(reason);
                } catch (RuntimeException e) {
                    LOG.warn("a watch of a remote actor failed: {}", e.toString());
                }
            }
        }

        @Override
        public boolean cancel() {
            if (!done.compareAndSet(false, true)) {
                return false;
            }
            synchronized (Membership.this) {
                Set<Watch> s = in;
                if (s != null && s.remove(this) && s.isEmpty()) {
                    watches.remove(address, s);
                }
            }
            return true;
        }
    }

    private final Remoting remoting;
    private final Connection connection;
    private final String subject;
    private final String self;
    private final String run;
    private final long timeoutNanos;
    private final long intervalNanos;
    private final long started = System.nanoTime();
    private final ObjectMapper json = new ObjectMapper()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final ConcurrentHashMap<String, Member> members = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, String> exporters = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, ExitReason> goneNames = new ConcurrentHashMap<>();
    private final Set<String> departed = ConcurrentHashMap.newKeySet();
    private final ConcurrentHashMap<String, Set<Watch>> watches = new ConcurrentHashMap<>();
    private final Set<String> watchRequested = ConcurrentHashMap.newKeySet();
    private final ScheduledExecutorService timer;
    private volatile boolean connected = true;

    Membership(Remoting remoting, Connection connection, String subject, String self, String run,
            Duration interval, Duration timeout) {
        this.remoting = remoting;
        this.connection = connection;
        this.subject = subject;
        this.self = self;
        this.run = run;
        this.timeoutNanos = timeout.toNanos();
        this.intervalNanos = interval.toNanos();
        ScheduledThreadPoolExecutor t = new ScheduledThreadPoolExecutor(1, r -> {
            Thread th = new Thread(r, "hyphae-cluster-" + self);
            th.setDaemon(true);
            return th;
        });
        t.setRemoveOnCancelPolicy(true);
        this.timer = t;
        long every = interval.toNanos();
        timer.scheduleAtFixedRate(this::tick, every, every, TimeUnit.NANOSECONDS);
    }

    /** Says this node is here; the nodes that hear it answer with their state. */
    void join() {
        send(new Control(JOIN, self, run, remoting.exportedNames(), null, null, null, null, remoting.services()));
    }

    /** Announces this node's exports now, with the names just withdrawn. */
    void announce(Map<String, String> gone) {
        send(new Control(BEAT, self, run, remoting.exportedNames(), gone, null, null, null, remoting.services()));
    }

    /** A local actor that other nodes watch has stopped. */
    void reportDeath(String id, ExitReason reason) {
        send(new Control(DEATH, self, run, null, null, null, id, reason.name(), null));
    }

    /** Leaves: the other nodes treat this one as gone at once. */
    void leave() {
        timer.shutdownNow();
        send(new Control(LEAVE, self, run, null, null, null, null, null, null));
        try {
            connection.flush(Duration.ofSeconds(1));
        } catch (Exception e) {
            LOG.debug("node '{}' could not flush its leave: {}", self, e.toString());
        }
    }

    void connectionLost() {
        connected = false;
    }

    /** Back after a disconnection: nobody is blamed for the silence, and everyone hears us again. */
    void reconnected() {
        long now = System.nanoTime();
        for (Member m : members.values()) {
            m.lastSeen = now;
        }
        connected = true;
        join();
    }

    private void send(Control c) {
        try {
            connection.publish(subject, json.writeValueAsBytes(c));
        } catch (IOException | IllegalStateException e) {
            LOG.debug("node '{}' could not send its {}: {}", self, c.kind(), e.toString());
        }
    }

    private void tick() {
        try {
            if (!connected) {
                LOG.trace("node '{}' is disconnected; no heartbeat", self);
                return;
            }
            announce(null);
            long now = System.nanoTime();
            List<Runnable> fire = new ArrayList<>();
            synchronized (this) {
                for (Member m : members.values()) {
                    long silent = now - m.lastSeen;
                    if (silent > timeoutNanos) {
                        gone(m, "silent for " + TimeUnit.NANOSECONDS.toMillis(silent) + " ms", fire);
                    }
                }
            }
            fire.forEach(Runnable::run);
        } catch (RuntimeException e) {
            LOG.warn("node '{}': heartbeat failed: {}", self, e.toString());
        }
    }

    /**
     * A control message from the subject, on the client's dispatcher thread.
     *
     * @throws CodecException if it is not one
     */
    void onControl(byte[] data) {
        Control c;
        try {
            c = json.readValue(data, Control.class);
        } catch (IOException e) {
            throw new CodecException("a malformed control message (" + data.length + " bytes): "
                    + e.getClass().getSimpleName(), e);
        }
        if (c.kind() == null || c.node() == null || c.run() == null) {
            throw new CodecException("a control message without kind, node or run: " + c);
        }
        if (self.equals(c.node()) && run.equals(c.run())) {
            return;
        }
        LOG.trace("node '{}' got {} from '{}'", self, c.kind(), c.node());
        List<Runnable> fire = new ArrayList<>();
        boolean answer = false;
        String watchOf = null;
        synchronized (this) {
            Member m = members.get(c.node());
            if (LEAVE.equals(c.kind())) {
                if (m != null && m.run.equals(c.run())) {
                    gone(m, "left", fire);
                } else {
                    departed.add(c.node() + "~" + c.run());
                    fireNode(c.node() + "~" + c.run(), fire);
                }
            } else {
                if (m != null && !m.run.equals(c.run())) {
                    gone(m, "restarted", fire);
                    m = null;
                }
                if (m == null) {
                    m = new Member(c.node(), c.run());
                    members.put(c.node(), m);
                    if (!departed.remove(m.key())) {
                        answer = true;
                    }
                    LOG.info("node '{}' sees node '{}' (run {})", self, c.node(), c.run());
                }
                m.lastSeen = System.nanoTime();
                switch (c.kind()) {
                    case JOIN -> {
                        answer = true;
                        exportsOf(m, c, fire);
                    }
                    case BEAT -> exportsOf(m, c, fire);
                    case DEATH -> fireAddress(m.key() + "/" + c.id(), reason(c.reason()), fire);
                    case WATCH -> watchOf = (self + "~" + run).equals(c.target()) ? c.id() : null;
                    default -> LOG.debug("node '{}': unknown control message {}", self, c.kind());
                }
            }
        }
        fire.forEach(Runnable::run);
        if (answer) {
            announce(null);
        }
        if (watchOf != null) {
            remoting.watchRequested(watchOf);
        }
    }

    private static ExitReason reason(String name) {
        if (name != null) {
            for (ExitReason r : ExitReason.values()) {
                if (r.name().equals(name)) {
                    return r;
                }
            }
        }
        return ExitReason.UNREACHABLE;
    }

    private void exportsOf(Member m, Control c, List<Runnable> fire) {
        if (c.services() != null && !c.services().equals(m.services)) {
            Set<String> changed = new HashSet<>(m.services.keySet());
            changed.addAll(c.services().keySet());
            m.services = Map.copyOf(c.services());
            fire.add(() -> remoting.servicesChanged(changed));
        }
        if (c.exports() == null) {
            return;
        }
        Set<String> now = new HashSet<>(c.exports());
        for (String name : m.exports) {
            if (!now.contains(name)) {
                exporters.remove(name, m.node);
                ExitReason why = reason(c.gone() == null ? null : c.gone().get(name));
                goneNames.put(name, why);
                fireAddress("@" + name, why, fire);
            }
        }
        for (String name : now) {
            exporters.put(name, m.node);
            goneNames.remove(name);
        }
        m.exports = now;
    }

    /** Under the lock. */
    private void gone(Member m, String why, List<Runnable> fire) {
        if (!members.remove(m.node, m)) {
            return;
        }
        departed.add(m.key());
        LOG.info("node '{}': node '{}' is gone ({}); its actors are unreachable", self, m.node, why);
        if (!m.services.isEmpty()) {
            Set<String> changed = Set.copyOf(m.services.keySet());
            fire.add(() -> remoting.servicesChanged(changed));
        }
        for (String name : m.exports) {
            if (exporters.remove(name, m.node)) {
                goneNames.put(name, ExitReason.UNREACHABLE);
                fireAddress("@" + name, ExitReason.UNREACHABLE, fire);
            }
        }
        fireNode(m.key(), fire);
    }

    private void fireNode(String key, List<Runnable> fire) {
        String prefix = key + "/";
        for (String address : List.copyOf(watches.keySet())) {
            if (address.startsWith(prefix)) {
                fireAddress(address, ExitReason.UNREACHABLE, fire);
            }
        }
    }

    private void fireAddress(String address, ExitReason reason, List<Runnable> fire) {
        watchRequested.remove(address);
        Set<Watch> set = watches.remove(address);
        if (set != null) {
            for (Watch w : set) {
                fire.add(() -> w.fire(reason));
            }
        }
    }

    /**
     * Why a remote actor is known to be gone, or null if it may be reached: an exported name
     * whose exporter left or withdrew it, or an actor of a node run that is gone.
     */
    ExitReason goneReason(RemoteActorRef<?> r) {
        if (r.name != null) {
            if (exporters.containsKey(r.name) || remoting.exportsHere(r.name)) {
                return null;
            }
            ExitReason gone = goneNames.get(r.name);
            // Once every live node has beaten twice, a name nobody exports is not coming.
            return gone != null ? gone : synced() ? ExitReason.UNREACHABLE : null;
        }
        if (departed.contains(r.nodeRun())) {
            return ExitReason.UNREACHABLE;
        }
        Member m = members.get(r.node);
        return m != null && !m.run.equals(r.run) ? ExitReason.UNREACHABLE : null;
    }

    /** Watches a remote actor; fires at once if it is already known to be gone. */
    Cancellable watch(RemoteActorRef<?> r, Consumer<ExitReason> gone) {
        Watch w = new Watch(r.address(), gone);
        ExitReason already;
        boolean ask = false;
        synchronized (this) {
            already = goneReason(r);
            if (already == null) {
                w.in = watches.computeIfAbsent(r.address(), a -> ConcurrentHashMap.newKeySet());
                w.in.add(w);
                ask = r.id != null && watchRequested.add(r.address());
            }
        }
        if (already != null) {
            w.fire(already);
        } else if (ask) {
            send(new Control(WATCH, self, run, null, null, r.nodeRun(), r.id, null, null));
        }
        return w;
    }

    /** The addresses other live nodes registered under a service key. */
    List<String> services(String key) {
        List<String> out = new java.util.ArrayList<>();
        for (Member m : members.values()) {
            List<String> a = m.services.get(key);
            if (a != null) {
                out.addAll(a);
            }
        }
        out.sort(null);
        return out;
    }

    /** Whether every live node has announced itself since this one joined: two heartbeats have passed. */
    boolean synced() {
        return System.nanoTime() - started > 2 * intervalNanos + TimeUnit.MILLISECONDS.toNanos(100);
    }

    /** The node that exports a name, or null. */
    String exporter(String name) {
        return exporters.get(name);
    }

    List<String> nodes() {
        return members.keySet().stream().sorted().toList();
    }

    Map<String, String> exports() {
        return new TreeMap<>(exporters);
    }

    int size() {
        return members.size();
    }
}
