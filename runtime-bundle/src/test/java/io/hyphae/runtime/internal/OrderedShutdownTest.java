package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ExitReason;
import io.hyphae.api.spi.ChildControl;
import io.hyphae.api.spi.OrderedShutdown;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runtime's side of {@link OrderedShutdown}: who stops whom, and what ends it at once. */
class OrderedShutdownTest extends SystemTestBase {

    private final List<String> log = new CopyOnWriteArrayList<>();

    /** Stops its children oldest first, one message per child, then itself; "fail" throws. */
    private class Ordered implements Actor<String>, OrderedShutdown {
        protected final ActorContext<String> ctx;
        private final boolean refuse;

        Ordered(ActorContext<String> ctx, boolean refuse) {
            this.ctx = ctx;
            this.refuse = refuse;
            for (String n : List.of("a", "b", "c")) {
                ctx.spawn(c -> new Actor<Object>() {
                    @Override
                    public void receive(Object m) {
                    }

                    @Override
                    public void onStop() {
                        log.add("stop " + n);
                    }
                }, n);
            }
        }

        @Override
        public void onStopRequested(ExitReason reason) {
            log.add("requested " + reason);
            if (refuse) {
                throw new IllegalStateException("refuses to order its shutdown");
            }
            ctx.self().tell("next");
        }

        @Override
        public void receive(String m) {
            if (m.equals("fail")) {
                throw new IllegalStateException("fails while stopping");
            }
            List<ActorRef<?>> children = ctx.children();
            if (children.isEmpty()) {
                ctx.stop(ctx.self());
            } else {
                ctx.stop(children.get(0));
                ctx.self().tell("next");
            }
        }

        @Override
        public void onStop() {
            log.add("stop self");
        }
    }

    private List<String> stopAndWait(ActorRef<String> ref) throws Exception {
        system.stop(ref);
        system.whenTerminated(ref).toCompletableFuture().get(10, TimeUnit.SECONDS);
        return log;
    }

    @Test
    void theActorStopsItsChildrenInItsOwnOrderThenItself() throws Exception {
        ActorRef<String> ref = system.spawn(ctx -> new Ordered(ctx, false), "ordered");
        system.stop(ref); // a second request while the first is under way is ignored
        assertEquals(List.of("requested SHUTDOWN", "stop a", "stop b", "stop c", "stop self"), stopAndWait(ref));
        assertEquals(ExitReason.SHUTDOWN, ((ActorCell<?>) ref).exitReason(), "the requested reason, not NORMAL");
    }

    @Test
    void aFailureDuringTheOrderedShutdownStopsTheActorAtOnce() throws Exception {
        ActorRef<String> ref = system.spawn(ctx -> new Ordered(ctx, false) {
            @Override
            public void onStopRequested(ExitReason reason) {
                log.add("requested " + reason);
                ctx.self().tell("fail");
            }
        }, "failing");
        List<String> seen = stopAndWait(ref);
        assertEquals("requested SHUTDOWN", seen.get(0));
        assertEquals(List.of("stop c", "stop b", "stop a", "stop self"), seen.subList(1, 5),
                "the runtime's order: newest first");
    }

    @Test
    void aThrowingRequestHookAndAKillBothStopAtOnce() throws Exception {
        ActorRef<String> refusing = system.spawn(ctx -> new Ordered(ctx, true), "refusing");
        assertEquals(List.of("requested SHUTDOWN", "stop c", "stop b", "stop a", "stop self"), stopAndWait(refusing));
        log.clear();
        CompletableFuture<ActorRef<String>> killed = new CompletableFuture<>();
        ActorRef<String> parent = system.spawn(ctx -> m -> {
            ActorRef<String> child = ctx.spawn(c -> new Ordered(c, false), "child");
            ctx.unwrap(ChildControl.class).kill(child);
            killed.complete(child);
        }, "parent");
        parent.tell("go");
        system.whenTerminated(killed.get(5, TimeUnit.SECONDS)).toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(List.of(), log, "a kill neither asks for an ordered shutdown nor runs a hook");
    }
}
