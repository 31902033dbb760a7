package io.hyphae.runtime.internal;

import io.hyphae.api.ActorRef;
import io.hyphae.api.Subscription;
import io.hyphae.api.routing.Router;
import io.hyphae.api.receptionist.DuplicateRegistrationException;
import io.hyphae.api.receptionist.Listing;
import io.hyphae.api.receptionist.Receptionist;
import io.hyphae.api.receptionist.ServiceKey;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The system's {@link Receptionist}. Per key, one lock orders registrations, removals and
 * the listings sent to subscribers, so every subscriber sees the changes in the order they
 * happened. Registered actors and subscribers are watched; their termination removes them.
 */
final class Reception implements Receptionist {

    /** One registration. */
    private record Entry(ActorRef<?> ref, int ranking, long order, CompletableFuture<Void> watch) {
    }

    /** One subscription. */
    private record Subscriber(ActorRef<?> ref, CompletableFuture<Void> watch) {
    }

    private static final Comparator<Entry> ORDER = Comparator.comparingInt((Entry e) -> -e.ranking())
            .thenComparingLong(Entry::order);

    /** A key's registrations and subscribers; guarded by itself. */
    private static final class Service {
        final List<Entry> entries = new ArrayList<>();
        final List<Subscriber> subscribers = new ArrayList<>();
    }

    private final HyphaeActorSystem system;
    private final Map<ServiceKey<?>, Service> services = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();

    Reception(HyphaeActorSystem system) {
        this.system = system;
    }

    @Override
    public <M> Subscription register(ServiceKey<M> key, ActorRef<M> actor, int ranking) {
        Objects.requireNonNull(key, "key");
        // A router is listed for as long as the actor behind it lives.
        ActorCell<?> cell = system.cellOf(actor instanceof Router<?> r ? r.actor() : actor);
        Service s = services.computeIfAbsent(key, k -> new Service());
        Entry entry;
        synchronized (s) {
            for (Entry e : s.entries) {
                if (e.ref().equals(actor)) {
                    throw new DuplicateRegistrationException(actor.path() + " is already registered under " + key
                            + "; cancel that registration first");
                }
            }
            entry = new Entry(actor, ranking, order.incrementAndGet(),
                    system.whenTerminated(cell).toCompletableFuture());
            s.entries.add(entry);
            s.entries.sort(ORDER);
            publish(key, s);
        }
        entry.watch().whenComplete((v, f) -> remove(key, entry));
        return () -> {
            remove(key, entry);
            entry.watch().cancel(false); // frees the watch on an actor that lives on
        };
    }

    private void remove(ServiceKey<?> key, Entry entry) {
        Service s = services.get(key);
        if (s == null) {
            return;
        }
        synchronized (s) {
            if (s.entries.remove(entry)) {
                publish(key, s);
            }
        }
    }

    @Override
    public <M> Listing<M> find(ServiceKey<M> key) {
        Objects.requireNonNull(key, "key");
        Service s = services.get(key);
        if (s == null) {
            return new Listing<>(key, List.of());
        }
        synchronized (s) {
            return listing(key, s);
        }
    }

    @Override
    public <M> Subscription subscribe(ServiceKey<M> key, ActorRef<Listing<M>> subscriber) {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(subscriber, "subscriber");
        ActorCell<?> owner = subscriber instanceof AdapterRef<?> a ? a.cell() : null;
        CompletableFuture<Void> watch = owner != null || subscriber instanceof ActorCell<?>
                ? system.whenTerminated(owner != null ? owner : subscriber).toCompletableFuture()
                : new CompletableFuture<>();
        Subscriber sub = new Subscriber(subscriber, watch);
        Service s = services.computeIfAbsent(key, k -> new Service());
        synchronized (s) {
            s.subscribers.add(sub);
            subscriber.tell(listing(key, s));
        }
        watch.whenComplete((v, f) -> unsubscribe(s, sub));
        return () -> {
            unsubscribe(s, sub);
            watch.cancel(false); // frees the watch on a subscriber that lives on
        };
    }

    private static void unsubscribe(Service s, Subscriber sub) {
        synchronized (s) {
            s.subscribers.remove(sub);
        }
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static <M> Listing<M> listing(ServiceKey<M> key, Service s) {
        List<ActorRef<M>> refs = new ArrayList<>(s.entries.size());
        for (Entry e : s.entries) {
            refs.add((ActorRef<M>) e.ref());
        }
        return new Listing<>(key, refs);
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static void publish(ServiceKey<?> key, Service s) {
        Listing<?> l = listing(key, s);
        for (Subscriber sub : s.subscribers) {
            ((ActorRef) sub.ref()).tell(l);
        }
    }
}
