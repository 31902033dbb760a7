package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorInitializationException;
import io.hyphae.api.ActorRef;
import io.hyphae.api.Directive;
import io.hyphae.runtime.testsupport.Await;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class LifecycleTest extends SystemTestBase {

    /** Records its lifecycle; fails on "boom", answers "count" with its state. */
    static final class Probe implements Actor<Object> {
        final String id;
        final List<String> log;
        final int instance;
        int count;

        Probe(String id, List<String> log, AtomicInteger instances) {
            this.id = id;
            this.log = log;
            this.instance = instances.incrementAndGet();
        }

        @Override
        public void onStart() {
            log.add(id + ":start#" + instance);
        }

        @Override
        public void receive(Object m) {
            if ("boom".equals(m)) {
                throw new IllegalStateException("boom in " + id);
            }
            if (m instanceof CompletableFuture<?> f) {
                @SuppressWarnings("unchecked")
                CompletableFuture<Integer> answer = (CompletableFuture<Integer>) f;
                answer.complete(count);
                return;
            }
            count++;
        }

        @Override
        public void onStop() {
            log.add(id + ":stop#" + instance);
        }

        @Override
        public void preRestart(Throwable cause) {
            log.add(id + ":preRestart#" + instance);
        }

        @Override
        public void postRestart(Throwable cause) {
            log.add(id + ":postRestart#" + instance);
        }
    }

    private static int count(ActorRef<Object> ref) throws Exception {
        CompletableFuture<Integer> f = new CompletableFuture<>();
        ref.tell(f);
        return f.get(5, TimeUnit.SECONDS);
    }

    @Test
    void topLevelActorRestartsWithAFreshInstanceByDefault() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicInteger instances = new AtomicInteger();
        ActorRef<Object> ref = system.spawn(ctx -> new Probe("p", log, instances), "probe");
        ref.tell("a");
        ref.tell("b");
        assertEquals(2, count(ref));
        ref.tell("boom");
        ref.tell("c");
        assertEquals(1, count(ref), "state reset by restart, message after the failure kept");
        assertEquals(2, instances.get());
        assertEquals(List.of("p:start#1", "p:preRestart#1", "p:postRestart#2"), log);
        var m = system.metrics(ref).orElseThrow();
        assertEquals(1, m.failures());
        assertEquals(1, m.restarts());
    }

    @Test
    void restartKeepsQueuedMessagesInOrder() throws Exception {
        List<Object> seen = new CopyOnWriteArrayList<>();
        ActorRef<Object> ref = system.spawnAnonymous(ctx -> m -> {
            if ("boom".equals(m)) {
                throw new IllegalStateException("boom");
            }
            seen.add(m);
        });
        ref.tell(1);
        ref.tell("boom");
        for (int i = 2; i <= 100; i++) {
            ref.tell(i);
        }
        Await.until("all after the failure", () -> seen.size() == 100);
        for (int i = 0; i < 100; i++) {
            assertEquals(i + 1, seen.get(i));
        }
    }

    /** A parent that answers every child failure with a fixed directive. */
    private ActorRef<Object> parentWith(Directive directive, List<String> log, AtomicInteger instances,
            AtomicReference<ActorRef<Object>> child) {
        return system.spawnAnonymous(ctx -> {
            child.set(ctx.spawn(c -> new Probe("child", log, instances), "child"));
            return new Actor<Object>() {
                @Override
                public void receive(Object m) {
                }

                @Override
                public Directive onChildFailure(ActorRef<?> failed, Throwable cause) {
                    log.add("decide:" + failed.name() + ":" + cause.getMessage());
                    return directive;
                }
            };
        });
    }

    @Test
    void resumeKeepsTheInstanceAndItsState() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicInteger instances = new AtomicInteger();
        AtomicReference<ActorRef<Object>> child = new AtomicReference<>();
        parentWith(Directive.RESUME, log, instances, child);
        Await.until("child spawned", () -> child.get() != null);
        child.get().tell("x");
        child.get().tell("boom");
        child.get().tell("y");
        assertEquals(2, count(child.get()));
        assertEquals(1, instances.get());
        assertTrue(log.contains("decide:child:boom in child"));
    }

    @Test
    void stopDirectiveStopsTheChild() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicInteger instances = new AtomicInteger();
        AtomicReference<ActorRef<Object>> child = new AtomicReference<>();
        parentWith(Directive.STOP, log, instances, child);
        Await.until("child spawned", () -> child.get() != null);
        child.get().tell("boom");
        system.whenTerminated(child.get()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(log.contains("child:stop#1"));
    }

    @Test
    void escalateFailsTheParentWhichRestartsAndStopsItsChildrenFirst() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicInteger childInstances = new AtomicInteger();
        AtomicInteger parentInstances = new AtomicInteger();
        AtomicReference<ActorRef<Object>> firstChild = new AtomicReference<>();
        ActorRef<Object> parent = system.spawn(ctx -> {
            int me = parentInstances.incrementAndGet();
            ActorRef<Object> c = ctx.spawn(cc -> new Probe("child", log, childInstances), "child");
            firstChild.compareAndSet(null, c);
            return new Actor<Object>() {
                @Override
                public void receive(Object m) {
                }

                @Override
                public void preRestart(Throwable cause) {
                    log.add("parent:preRestart#" + me);
                }

                @Override
                public Directive onChildFailure(ActorRef<?> failed, Throwable cause) {
                    return Directive.ESCALATE;
                }
            };
        }, "escalating");
        Await.until("child spawned", () -> firstChild.get() != null);
        firstChild.get().tell("boom");
        system.whenTerminated(firstChild.get()).toCompletableFuture().get(5, TimeUnit.SECONDS);
        Await.until("parent restarted", () -> parentInstances.get() == 2);
        // The instance counter moves when the child is made, before its onStart runs.
        Await.until("new child started", () -> childInstances.get() == 2 && log.contains("child:start#2"));
        assertEquals(List.of("child:start#1", "parent:preRestart#1", "child:stop#1", "child:start#2"), log);
        assertEquals(1, system.metrics(parent).orElseThrow().restarts());
    }

    @Test
    void initializationFailureStopsTheActorByDefault() throws Exception {
        AtomicInteger attempts = new AtomicInteger();
        ActorRef<String> ref = system.spawnAnonymous(ctx -> {
            attempts.incrementAndGet();
            throw new IllegalStateException("cannot start");
        });
        system.whenTerminated(ref).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(1, attempts.get());
        assertEquals(Directive.STOP, Directive.defaultFor(new ActorInitializationException("x")));
    }

    @Test
    void errorsEscalateAndStopATopLevelActor() throws Exception {
        ActorRef<String> ref = system.spawnAnonymous(ctx -> m -> {
            throw new AssertionError("fatal-ish");
        });
        ref.tell("x");
        system.whenTerminated(ref).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(1, system.metrics().failures());
    }

    @Test
    void stoppingRunsChildrenFirstInEveryBranch() throws Exception {
        List<String> log = new CopyOnWriteArrayList<>();
        AtomicInteger instances = new AtomicInteger();
        ActorRef<Object> root = system.spawn(ctx -> {
            ctx.spawn(c -> {
                c.spawn(g -> new Probe("a1", log, instances), "a1");
                return new Probe("a", log, instances);
            }, "a");
            ctx.spawn(c -> new Probe("b", log, instances), "b");
            return new Probe("root", log, instances);
        }, "root");
        Await.until("all started", () -> log.size() == 4);
        system.stop(root);
        system.whenTerminated(root).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertEquals(8, log.size());
        assertTrue(log.indexOf("a1:stop#" + startOf(log, "a1")) < log.indexOf("a:stop#" + startOf(log, "a")));
        assertEquals("root:stop#" + startOf(log, "root"), log.get(7));
    }

    private static String startOf(List<String> log, String id) {
        for (String s : log) {
            if (s.startsWith(id + ":start#")) {
                return s.substring(s.indexOf('#') + 1);
            }
        }
        throw new AssertionError(id + " never started: " + log);
    }

    @Test
    void actorCanStopItselfAndQueuedMessagesBecomeDeadLetters() throws Exception {
        CompletableFuture<Void> gate = new CompletableFuture<>();
        ActorRef<String> ref = system.spawnAnonymous((ActorContext<String> ctx) -> m -> {
            if (m.equals("stop")) {
                gate.join();
                ctx.stop(ctx.self());
            }
        });
        ref.tell("stop");
        ref.tell("q1");
        ref.tell("q2");
        gate.complete(null);
        system.whenTerminated(ref).toCompletableFuture().get(5, TimeUnit.SECONDS);
        Await.until("queued messages dead-lettered", () -> deadLetters.stream()
                .filter(d -> d.recipient() == ref).count() == 2);
    }
}
