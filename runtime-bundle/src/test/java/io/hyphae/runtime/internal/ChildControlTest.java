package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ChildHalted;
import io.hyphae.api.ChildStarted;
import io.hyphae.api.Directive;
import io.hyphae.api.ExitReason;
import io.hyphae.api.Signal;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.Terminated;
import io.hyphae.api.spi.ChildControl;
import io.hyphae.runtime.testsupport.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;

/** The child-control primitives supervisors are built on: halt, restart, kill, signals. */
class ChildControlTest extends SystemTestBase {

    private final List<String> log = new CopyOnWriteArrayList<>();
    private final List<Signal> signals = new CopyOnWriteArrayList<>();

    /** A parent that runs commands on its own turn and records its signals. */
    private ActorRef<Consumer<ActorContext<?>>> parent(Directive onFailure) {
        return system.spawnAnonymous(ctx -> new Actor<Consumer<ActorContext<?>>>() {
            @Override
            public void receive(Consumer<ActorContext<?>> command) {
                command.accept(ctx);
            }

            @Override
            public void onSignal(Signal signal) {
                signals.add(signal);
            }

            @Override
            public Directive onChildFailure(ActorRef<?> child, Throwable cause) {
                return onFailure;
            }
        });
    }

    /** Counts messages; "boom" fails; a future gets the instance and the count. */
    private Actor<Object> counter(String id, AtomicInteger instances) {
        int instance = instances.incrementAndGet();
        return new Actor<>() {
            final List<Object> seen = new ArrayList<>();

            @Override
            public void onStart() {
                log.add(id + ":start#" + instance);
            }

            @Override
            public void postRestart(Throwable cause) {
                log.add(id + ":restart#" + instance);
            }

            @Override
            public void preRestart(Throwable cause) {
                log.add(id + ":down#" + instance);
            }

            @Override
            public void onStop() {
                log.add(id + ":stop#" + instance);
            }

            @Override
            public void receive(Object m) {
                if ("boom".equals(m)) {
                    throw new IllegalStateException("boom");
                }
                if (m instanceof CompletableFuture<?> f) {
                    @SuppressWarnings("unchecked")
                    CompletableFuture<String> answer = (CompletableFuture<String>) f;
                    answer.complete("#" + instance + " " + seen);
                    return;
                }
                seen.add(m);
            }
        };
    }

    private <T> T on(ActorRef<Consumer<ActorContext<?>>> parent, java.util.function.Function<ActorContext<?>, T> f)
            throws Exception {
        CompletableFuture<T> result = new CompletableFuture<>();
        parent.tell(ctx -> {
            try {
                result.complete(f.apply(ctx));
            } catch (RuntimeException e) {
                result.completeExceptionally(e);
            }
        });
        return result.get(5, TimeUnit.SECONDS);
    }

    @Test
    void haltedChildKeepsItsMailboxAndRestartsFreshInOrder() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        var p = parent(Directive.RESTART);
        ActorRef<Object> child = on(p, ctx -> ctx.spawn(c -> counter("c", instances),
                SpawnOptions.named("c").withLifecycleSignals(true)));
        Await.until("started", () -> signals.contains(new ChildStarted(child, false)));
        child.tell("a");
        IllegalStateException cause = new IllegalStateException("sibling failed");
        on(p, ctx -> {
            ctx.unwrap(ChildControl.class).halt(child, cause, true);
            return null;
        });
        Await.until("halted", () -> signals.contains(new ChildHalted(child)));
        child.tell("b");
        child.tell("c");
        on(p, ctx -> {
            ctx.unwrap(ChildControl.class).restart(child, cause);
            return null;
        });
        Await.until("restarted", () -> signals.contains(new ChildStarted(child, true)));
        CompletableFuture<String> state = new CompletableFuture<>();
        child.tell(state);
        assertEquals("#2 [b, c]", state.get(5, TimeUnit.SECONDS), "fresh instance, queued messages kept in order");
        assertEquals(List.of("c:start#1", "c:down#1", "c:restart#2"), log);
    }

    @Test
    void haltDirectiveWaitsForAnExplicitRestart() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        var p = parent(Directive.HALT);
        ActorRef<Object> child = on(p, ctx -> ctx.spawn(c -> counter("c", instances),
                SpawnOptions.named("c").withLifecycleSignals(true)));
        child.tell("boom");
        child.tell("x");
        Await.until("halted", () -> signals.contains(new ChildHalted(child)));
        assertEquals(1, instances.get(), "no instance made while halted");
        on(p, ctx -> {
            ctx.unwrap(ChildControl.class).restart(child, new IllegalStateException("later"));
            return null;
        });
        CompletableFuture<String> state = new CompletableFuture<>();
        child.tell(state);
        assertEquals("#2 [x]", state.get(5, TimeUnit.SECONDS));
    }

    @Test
    void haltingAHaltedChildDoesNothing() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        var p = parent(Directive.RESTART);
        ActorRef<Object> child = on(p, ctx -> ctx.spawn(c -> counter("c", instances),
                SpawnOptions.named("c").withLifecycleSignals(true)));
        Await.until("started", () -> signals.contains(new ChildStarted(child, false)));
        IllegalStateException cause = new IllegalStateException("halt");
        on(p, ctx -> {
            ctx.unwrap(ChildControl.class).halt(child, cause, true);
            return null;
        });
        Await.until("halted", () -> signals.contains(new ChildHalted(child)));
        on(p, ctx -> {
            ctx.unwrap(ChildControl.class).halt(child, cause, true);
            return null;
        });
        // The child handles the second halt before the message sent after it, and any
        // ChildHalted it sent would reach the parent before the parent's next command.
        child.tell("x");
        on(p, ctx -> {
            ctx.unwrap(ChildControl.class).restart(child, cause);
            return null;
        });
        Await.until("restarted", () -> signals.contains(new ChildStarted(child, true)));
        on(p, ctx -> null);
        assertEquals(1, signals.stream().filter(s -> s instanceof ChildHalted).count(), signals.toString());
    }

    @Test
    void childrenStopNewestFirstOneAtATime() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        var p = parent(Directive.RESTART);
        ActorRef<?> middle = on(p, ctx -> {
            ActorRef<Object> m = ctx.spawn(c -> {
                c.spawn(g -> counter("g1", instances), "g1");
                c.spawn(g -> counter("g2", instances), "g2");
                c.spawn(g -> counter("g3", instances), "g3");
                return counter("m", instances);
            }, "m");
            return m;
        });
        Await.until("grandchildren started", () -> log.size() == 4);
        system.stop(p);
        system.whenTerminated(p).toCompletableFuture().get(5, TimeUnit.SECONDS);
        assertTrue(system.whenTerminated(middle).toCompletableFuture().isDone());
        assertEquals(List.of("g3:stop", "g2:stop", "g1:stop", "m:stop"),
                log.subList(4, 8).stream().map(e -> e.substring(0, e.indexOf('#'))).toList());
    }

    @Test
    void killSkipsHooksOfTheWholeSubtree() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        var p = parent(Directive.RESTART);
        ActorRef<?> child = on(p, ctx -> ctx.spawn(c -> {
            c.spawn(g -> counter("g", instances), "g");
            return counter("c", instances);
        }, SpawnOptions.named("c").withLifecycleSignals(true)));
        Await.until("started", () -> log.size() == 2);
        on(p, ctx -> {
            ctx.unwrap(ChildControl.class).kill(child);
            return null;
        });
        Await.until("terminated", () -> signals.contains(new Terminated(child, ExitReason.SHUTDOWN)));
        assertEquals(2, log.size(), "no stop hook ran: " + log);
    }

    @Test
    void terminatedCarriesTheExitReason() throws Exception {
        AtomicInteger instances = new AtomicInteger();
        var p = parent(Directive.STOP);
        SpawnOptions signalled = SpawnOptions.defaults().withLifecycleSignals(true);
        ActorRef<?> selfStopping = on(p, ctx -> ctx.spawn(c -> m -> c.stop(c.self()), signalled));
        ActorRef<?> failing = on(p, ctx -> ctx.spawn(c -> counter("f", instances), signalled));
        ActorRef<?> stopped = on(p, ctx -> ctx.spawn(c -> counter("s", instances), signalled));
        @SuppressWarnings("unchecked")
        ActorRef<Object> s1 = (ActorRef<Object>) selfStopping;
        @SuppressWarnings("unchecked")
        ActorRef<Object> f1 = (ActorRef<Object>) failing;
        s1.tell("stop");
        f1.tell("boom");
        on(p, ctx -> {
            ctx.stop(stopped);
            return null;
        });
        Await.until("three terminations", () -> signals.stream().filter(Terminated.class::isInstance).count() == 3);
        assertTrue(signals.contains(new Terminated(selfStopping, ExitReason.NORMAL)), signals::toString);
        assertTrue(signals.contains(new Terminated(failing, ExitReason.FAILURE)), signals::toString);
        assertTrue(signals.contains(new Terminated(stopped, ExitReason.SHUTDOWN)), signals::toString);
    }

    @Test
    void controlsRefuseActorsThatAreNotChildren() throws Exception {
        var p = parent(Directive.RESTART);
        ActorRef<String> stranger = system.spawnAnonymous(c -> m -> { });
        RuntimeException e = new RuntimeException("x");
        for (Consumer<ActorContext<?>> bad : List.<Consumer<ActorContext<?>>>of(ctx -> ctx.unwrap(ChildControl.class).halt(stranger, e, true),
                ctx -> ctx.unwrap(ChildControl.class).restart(stranger, e), ctx -> ctx.unwrap(ChildControl.class).kill(stranger))) {
            CompletableFuture<Throwable> thrown = new CompletableFuture<>();
            p.tell(ctx -> {
                try {
                    bad.accept(ctx);
                    thrown.complete(null);
                } catch (IllegalArgumentException ex) {
                    thrown.complete(ex);
                }
            });
            assertTrue(thrown.get(5, TimeUnit.SECONDS) instanceof IllegalArgumentException);
        }
    }
}
