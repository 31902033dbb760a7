package io.hyphae.cluster.nats.internal;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Subscription;
import io.hyphae.api.receptionist.Listing;
import io.hyphae.api.receptionist.Receptionist;
import io.hyphae.api.receptionist.ServiceKey;
import io.hyphae.api.spi.RemoteRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The receptionist across the cluster. A registration is made with the system's own
 * receptionist and announced in this node's heartbeats as the actor's address; a listing
 * is the local one followed by the refs every live node announced for the same key (its id
 * and its message type's name), in address order. A subscriber gets a listing at once and
 * again whenever it changes: a local registration or its actor's end, another node's
 * announcement, or a node that leaves.
 */
final class ClusterReceptionist implements Receptionist {

    private static final Object REFRESH = new Object();

    private final Remoting remoting;
    private final ActorSystem system;
    /** Key to address to ref: registrations of local actors, held strongly while registered. */
    private final Map<String, Map<String, ActorRef<?>>> local = new ConcurrentHashMap<>();
    /** Key to the actors that keep subscribers' listings current. */
    private final Map<String, Set<ActorRef<Object>>> listeners = new ConcurrentHashMap<>();

    ClusterReceptionist(Remoting remoting, ActorSystem system) {
        this.remoting = remoting;
        this.system = system;
    }

    static String key(ServiceKey<?> k) {
        return k.id() + "|" + k.type().getName();
    }

    @Override
    public <M> Subscription register(ServiceKey<M> key, ActorRef<M> actor, int ranking) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(actor, "actor");
        if (actor instanceof RemoteRef<?>) {
            throw new IllegalArgumentException("register " + actor + " on its own node; only local actors register");
        }
        Subscription own = system.receptionist().register(key, actor, ranking);
        String k = key(key);
        String address = remoting.address(actor);
        local.computeIfAbsent(k, x -> new ConcurrentHashMap<>()).put(address, actor);
        remoting.watchLocal(actor);
        changed(k);
        return () -> {
            own.cancel();
            drop(k, address);
        };
    }

    private void drop(String k, String address) {
        Map<String, ActorRef<?>> m = local.get(k);
        if (m != null && m.remove(address) != null) {
            changed(k);
        }
    }

    /** A local actor ended: its registrations go, here and in the next heartbeat. */
    void localDeath(ActorRef<?> ref) {
        for (Map.Entry<String, Map<String, ActorRef<?>>> e : local.entrySet()) {
            for (Map.Entry<String, ActorRef<?>> r : e.getValue().entrySet()) {
                if (r.getValue() == ref) {
                    drop(e.getKey(), r.getKey());
                }
            }
        }
    }

    private void changed(String k) {
        remoting.membership().announce(null);
        refresh(Set.of(k));
    }

    /** Tells the listeners of these keys to look again. */
    void refresh(Set<String> keys) {
        for (String k : keys) {
            Set<ActorRef<Object>> set = listeners.get(k);
            if (set != null) {
                set.forEach(l -> l.tell(REFRESH));
            }
        }
    }

    /** What this node announces: key to the addresses of its registered actors. */
    Map<String, List<String>> announced() {
        Map<String, List<String>> out = new TreeMap<>();
        local.forEach((k, m) -> {
            if (!m.isEmpty()) {
                out.put(k, m.keySet().stream().sorted().toList());
            }
        });
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M> Listing<M> find(ServiceKey<M> key) {
        List<ActorRef<M>> refs = new ArrayList<>(system.receptionist().find(key).refs());
        for (String address : remoting.membership().services(key(key))) {
            try {
                refs.add((ActorRef<M>) remoting.resolve(address));
            } catch (RuntimeException malformed) {
                // another node's bad announcement: left out
            }
        }
        return new Listing<>(key, refs);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <M> Subscription subscribe(ServiceKey<M> key, ActorRef<Listing<M>> subscriber) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(subscriber, "subscriber");
        String k = key(key);
        ActorRef<Object> listener = system.spawnAnonymous(ctx -> new Actor<Object>() {
            private Subscription own;
            private Listing<M> last;

            @Override
            public void onStart() {
                own = system.receptionist().subscribe(key, (ActorRef<Listing<M>>) (ActorRef<?>) ctx.self());
            }

            @Override
            public void receive(Object m) {
                Listing<M> now = find(key);
                if (!now.equals(last)) {
                    last = now;
                    subscriber.tell(now);
                }
            }

            @Override
            public void onStop() {
                own.cancel();
            }
        });
        listeners.computeIfAbsent(k, x -> ConcurrentHashMap.newKeySet()).add(listener);
        listener.tell(REFRESH);
        return () -> {
            Set<ActorRef<Object>> set = listeners.get(k);
            if (set != null && set.remove(listener)) {
                system.stop(listener);
            }
        };
    }
}
