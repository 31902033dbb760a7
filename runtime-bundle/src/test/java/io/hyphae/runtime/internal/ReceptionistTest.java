package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Subscription;
import io.hyphae.api.receptionist.DuplicateRegistrationException;
import io.hyphae.api.receptionist.Listing;
import io.hyphae.api.receptionist.Receptionist;
import io.hyphae.api.receptionist.ServiceKey;
import io.hyphae.runtime.testsupport.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The receptionist: register, find, subscribe, ranking, removal on stop, bad input. */
class ReceptionistTest extends SystemTestBase {

    private static final ServiceKey<String> GREETERS = ServiceKey.of("greeters", String.class);

    private ActorRef<String> worker(String name) {
        return system.spawn((ActorContext<String> ctx) -> m -> { }, name);
    }

    private static List<String> paths(Listing<?> l) {
        return l.refs().stream().map(ActorRef::path).toList();
    }

    @Test
    void registeredActorsAreFoundByRankingThenOrderAndGoWhenTheyStop() throws Exception {
        Receptionist r = system.receptionist();
        ActorRef<String> a = worker("a");
        ActorRef<String> b = worker("b");
        ActorRef<String> c = worker("c");
        r.register(GREETERS, a);
        r.register(GREETERS, b, 10);
        Subscription cReg = r.register(GREETERS, c);
        assertEquals(List.of("b", "a", "c"), paths(r.find(GREETERS)), "highest ranking first, then by order");
        cReg.cancel();
        assertEquals(List.of("b", "a"), paths(r.find(GREETERS)));
        system.stop(b);
        Await.until("b gone with its actor", () -> paths(r.find(GREETERS)).equals(List.of("a")));
        assertTrue(r.find(ServiceKey.of("greeters", Integer.class)).isEmpty(), "the type is part of the key");
    }

    @Test
    void subscribersGetTheListingAtOnceAndEveryChangeInOrder() throws Exception {
        Receptionist r = system.receptionist();
        BlockingQueue<List<String>> seen = new LinkedBlockingQueue<>();
        ActorRef<Listing<String>> watcher = system.spawn((ActorContext<Listing<String>> ctx) -> l -> seen.add(paths(l)),
                "watcher");
        r.subscribe(GREETERS, watcher);
        ActorRef<String> a = worker("a");
        r.register(GREETERS, a);
        ActorRef<String> b = worker("b");
        r.register(GREETERS, b);
        system.stop(a);
        List<List<String>> got = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            got.add(seen.poll(5, TimeUnit.SECONDS));
        }
        assertEquals(List.of(List.of(), List.of("a"), List.of("a", "b"), List.of("b")), got);
    }

    @Test
    void aMessageAdapterCanSubscribeAndItsActorsStopEndsTheSubscription() throws Exception {
        Receptionist r = system.receptionist();
        BlockingQueue<Integer> sizes = new LinkedBlockingQueue<>();
        ActorRef<Integer> counter = system.spawn((ActorContext<Integer> ctx) -> {
            r.subscribe(GREETERS, ctx.<Listing<String>>messageAdapter(l -> l.refs().size()));
            return sizes::add;
        }, "counter");
        assertEquals(0, sizes.poll(5, TimeUnit.SECONDS));
        r.register(GREETERS, worker("a"));
        assertEquals(1, sizes.poll(5, TimeUnit.SECONDS));
        system.stop(counter);
        system.whenTerminated(counter).toCompletableFuture().get(5, TimeUnit.SECONDS);
        long before = deadLetters.size();
        Await.until("the subscription dropped with its actor", () -> {
            r.register(GREETERS, worker("x" + System.nanoTime()));
            return deadLetters.size() == before;
        });
    }

    @Test
    void badInputIsTyped() throws Exception {
        Receptionist r = system.receptionist();
        ActorRef<String> a = worker("a");
        r.register(GREETERS, a);
        DuplicateRegistrationException dup = assertThrows(DuplicateRegistrationException.class,
                () -> r.register(GREETERS, a));
        assertTrue(dup.getMessage().contains("already registered"), dup.getMessage());
        assertThrows(NullPointerException.class, () -> r.register(null, a));
        assertThrows(NullPointerException.class, () -> r.register(GREETERS, null));
        assertThrows(NullPointerException.class, () -> r.find(null));
        assertThrows(NullPointerException.class, () -> r.subscribe(GREETERS, null));
        assertThrows(NullPointerException.class, () -> ServiceKey.of(null, String.class));
        assertThrows(IllegalArgumentException.class, () -> ServiceKey.of(" ", String.class));
        try (ActorSystem other = ActorSystem.builder().name("other").dispatcherThreads(1).build()) {
            ActorRef<String> foreign = other.spawn((ActorContext<String> ctx) -> m -> { }, "f");
            assertThrows(IllegalArgumentException.class, () -> r.register(GREETERS, foreign));
        }
    }
}
