package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.receptionist.ServiceKey;
import io.hyphae.api.routing.Router;
import io.hyphae.api.routing.Routers;
import io.hyphae.api.routing.RoutingLogic;
import io.hyphae.runtime.testsupport.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Pools and groups: each routing logic, resizing, failures, the receptionist, bad input. */
class RoutersTest extends SystemTestBase {

    /** Who handled what: message to the names of the workers that handled it. */
    private final Map<Object, Set<String>> handledBy = new ConcurrentHashMap<>();
    private final AtomicLong handled = new AtomicLong();

    private <M> ActorFactory<M> recording() {
        return ctx -> m -> {
            handledBy.computeIfAbsent(m, k -> ConcurrentHashMap.newKeySet()).add(ctx.self().name());
            handled.incrementAndGet();
        };
    }

    private Map<String, Integer> perWorker() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        handledBy.values().forEach(ws -> ws.forEach(w -> out.merge(w, 1, Integer::sum)));
        return out;
    }

    @Test
    void roundRobinSpreadsEvenlyAndTheRouterIsARefLikeAnyOther() throws Exception {
        Router<Integer> pool = Routers.pool(3, this.<Integer>recording()).spawn(system, "rr");
        Await.until("three workers", () -> pool.routees().size() == 3);
        assertEquals("rr", pool.path());
        ActorRef<Integer> asRef = pool;
        for (int i = 0; i < 300; i++) {
            asRef.tell(i);
        }
        Await.until("all handled", () -> handled.get() == 300);
        assertEquals(Map.of("w0", 100, "w1", 100, "w2", 100), perWorker());
        pool.stop();
    }

    @Test
    void consistentHashingSendsEveryKeyToOneWorker() throws Exception {
        Router<String> pool = Routers.pool(5, this.<String>recording())
                .withLogic(RoutingLogic.consistentHashing((String m) -> m.substring(0, m.indexOf('#'))))
                .spawn(system, "hashed");
        Await.until("five workers", () -> pool.routees().size() == 5);
        for (int round = 0; round < 20; round++) {
            for (int key = 0; key < 200; key++) {
                pool.tell("k" + key + "#" + round);
            }
        }
        Await.until("all handled", () -> handled.get() == 4000);
        Map<String, Set<String>> workersOfKey = new ConcurrentHashMap<>();
        handledBy.forEach((m, ws) -> workersOfKey.computeIfAbsent(((String) m).substring(0, ((String) m)
                .indexOf('#')), k -> ConcurrentHashMap.newKeySet()).addAll(ws));
        assertEquals(200, workersOfKey.size());
        workersOfKey.forEach((k, ws) -> assertEquals(1, ws.size(), k + " went to " + ws));
        assertEquals(5, perWorker().size(), "every worker got keys: " + perWorker());
        pool.stop();
    }

    @Test
    void broadcastRandomAndSmallestMailbox() throws Exception {
        Router<Integer> all = Routers.pool(3, this.<Integer>recording()).withLogic(RoutingLogic.broadcast())
                .spawn(system, "all");
        Await.until("three workers", () -> all.routees().size() == 3);
        all.tell(1);
        Await.until("every worker got it", () -> handledBy.getOrDefault(1, Set.of()).size() == 3);

        Router<Integer> random = Routers.pool(3, this.<Integer>recording()).withLogic(RoutingLogic.random())
                .spawn(system, "random");
        Await.until("three workers", () -> random.routees().size() == 3);
        for (int i = 100; i < 1100; i++) {
            random.tell(i);
        }
        Await.until("all handled", () -> handled.get() == 3 + 1000);

        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch entered = new CountDownLatch(1);
        AtomicLong byFree = new AtomicLong();
        Router<String> smallest = Routers.<String>pool(2, ctx -> (Actor<String>) m -> {
            if (m.equals("block")) {
                entered.countDown();
                release.await();
            } else if (ctx.self().name().equals("w1")) {
                byFree.incrementAndGet();
            }
        }).withLogic(RoutingLogic.smallestMailbox(system))
                // A worker blocks on purpose: on the blocking dispatcher it holds no shared thread.
                .withWorkerOptions(SpawnOptions.defaults().withDispatcher("blocking")).spawn(system, "smallest");
        Await.until("two workers", () -> smallest.routees().size() == 2);
        smallest.routees().get(0).tell("block");
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        smallest.routees().get(0).tell("queued"); // w0 is busy and has a queue
        // One job at a time, each once the last is done: the free worker's mailbox is then
        // always the smaller (0 against 2), so it gets every job.
        for (int i = 1; i <= 100; i++) {
            smallest.tell("job");
            long n = i;
            Await.until("job " + i + " handled by the free worker", () -> byFree.get() == n);
        }
        release.countDown();
        all.stop();
        random.stop();
        smallest.stop();
    }

    @Test
    void resizingKeepsEveryMessageAndLeavingWorkersFinishTheirQueue() throws Exception {
        Router<Integer> pool = Routers.pool(2, this.<Integer>recording()).spawn(system, "elastic");
        Await.until("two workers", () -> pool.routees().size() == 2);
        Thread sender = new Thread(() -> {
            for (int i = 0; i < 200_000; i++) {
                pool.tell(i);
            }
        });
        sender.start();
        pool.resize(6);
        Await.until("six workers", () -> pool.routees().size() == 6);
        pool.resize(1);
        Await.until("one worker", () -> pool.routees().size() == 1);
        sender.join();
        Await.until("every message handled once", () -> handled.get() == 200_000);
        handledBy.forEach((m, ws) -> assertEquals(1, ws.size(), m + " handled by " + ws));
        Await.until("the leaving workers stopped", () -> system.find("elastic/w5").isEmpty());
        assertEquals(List.of(), deadLetters, "nothing was dead-lettered by the resizing");
        pool.stop();
    }

    @Test
    void workersFailingAtRandomLoseNoOtherMessage() throws Exception {
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        Router<Long> pool = Routers.<Long>pool(4, ctx -> (Actor<Long>) m -> {
            if (ThreadLocalRandom.current().nextInt(100) == 0) {
                failed.incrementAndGet();
                throw new IllegalStateException("failing on purpose");
            }
            done.incrementAndGet();
        }).withWorkerOptions(SpawnOptions.defaults().withFailureLogging(false)).spawn(system, "flaky");
        Await.until("four workers", () -> pool.routees().size() == 4);
        List<Thread> senders = new ArrayList<>();
        for (int s = 0; s < 4; s++) {
            Thread t = new Thread(() -> {
                for (long i = 0; i < 50_000; i++) {
                    pool.tell(i);
                }
            });
            t.start();
            senders.add(t);
        }
        for (Thread t : senders) {
            t.join();
        }
        Await.until("every message acknowledged or failed", () -> done.get() + failed.get() == 200_000);
        assertTrue(failed.get() > 0 && system.metrics().restarts() >= failed.get(), "workers failed and restarted");
        assertEquals(List.of(), deadLetters, "a restarting worker keeps its queue");
        pool.stop();
    }

    @Test
    void aGroupRoutesOverTheReceptionistsListing() throws Exception {
        ServiceKey<String> key = ServiceKey.of("printers", String.class);
        Router<String> group = Routers.<String>group(key).start(system);
        group.tell("nobody yet");
        Await.until("a NO_ROUTEE dead letter", () -> deadLetters.stream()
                .anyMatch(d -> d.reason() == DeadLetter.Reason.NO_ROUTEE && d.message().equals("nobody yet")));
        ActorRef<String> a = system.spawn(this.<String>recording(), "pa");
        ActorRef<String> b = system.spawn(this.<String>recording(), "pb");
        system.receptionist().register(key, a);
        system.receptionist().register(key, b);
        Await.until("two routees", () -> group.routees().size() == 2);
        for (int i = 0; i < 10; i++) {
            group.tell("m" + i);
        }
        Await.until("all handled", () -> handled.get() == 10);
        assertEquals(Map.of("pa", 5, "pb", 5), perWorker());
        system.stop(a);
        Await.until("one routee", () -> group.routees().equals(List.of(b)));
        assertThrows(UnsupportedOperationException.class, () -> group.resize(3));
        group.stop();
    }

    /** A pool registered as one service: a group over the key reaches its workers, until the pool stops. */
    @Test
    void aRouterIsRegisteredWithTheReceptionistUntilItStops() throws Exception {
        ServiceKey<String> key = ServiceKey.of("pools", String.class);
        Router<String> pool = Routers.pool(2, this.<String>recording()).spawn(system, "registered");
        Await.until("two workers", () -> pool.routees().size() == 2);
        system.receptionist().register(key, pool);
        assertEquals(List.of(pool), system.receptionist().find(key).refs());
        Router<String> group = Routers.<String>group(key).start(system);
        // A group listed under the key it follows is left out of its own routees.
        system.receptionist().register(key, group);
        Await.until("two listed", () -> system.receptionist().find(key).refs().size() == 2);
        assertEquals(List.of(pool), group.routees());
        for (int i = 0; i < 10; i++) {
            group.tell("m" + i);
        }
        Await.until("all handled", () -> handled.get() == 10);
        assertEquals(10, perWorker().values().stream().mapToInt(Integer::intValue).sum());
        pool.stop();
        Await.until("the stopped pool is no longer listed",
                () -> !system.receptionist().find(key).refs().contains(pool));
        Await.until("the group has no routee", () -> group.routees().isEmpty());
        group.stop();
        Await.until("nothing listed", () -> system.receptionist().find(key).refs().isEmpty());
    }

    @Test
    void badInputIsTyped() throws Exception {
        assertThrows(IllegalArgumentException.class, () -> Routers.pool(0, this.<String>recording()));
        assertThrows(NullPointerException.class, () -> Routers.pool(1, null));
        assertThrows(NullPointerException.class, () -> Routers.group(null));
        assertThrows(NullPointerException.class, () -> RoutingLogic.consistentHashing(null));
        Router<String> pool = Routers.pool(1, this.<String>recording())
                .withLogic(RoutingLogic.consistentHashing((String m) -> m.isEmpty() ? null : m)).spawn(system, "p");
        Await.until("one worker", () -> pool.routees().size() == 1);
        assertThrows(IllegalArgumentException.class, () -> pool.resize(0));
        assertThrows(NullPointerException.class, () -> pool.tell(null));
        NullPointerException noKey = assertThrows(NullPointerException.class, () -> pool.tell(""));
        assertTrue(noKey.getMessage().contains("key function returned null"), noKey.getMessage());
        pool.stop();
        assertEquals(0, system.receptionist().find(ServiceKey.of("x", String.class)).refs().size());
    }
}
