package io.hyphae.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.AskTimeoutException;
import io.hyphae.api.ExitReason;
import io.hyphae.api.Terminated;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One actor run synchronously: every effect and message observable, no system. */
class BehaviorTestKitTest {

    sealed interface Cmd {
    }

    record Work(String job, ActorRef<String> replyTo) implements Cmd {
    }

    record Done(String job) implements Cmd {
    }

    record Tick() implements Cmd {
    }

    record Lookup(ActorRef<Object> directory) implements Cmd {
    }

    record Found(String answer) implements Cmd {
    }

    record Quit() implements Cmd {
    }

    /** Spawns a worker per job, watches it, reports when told it is done, ticks, asks. */
    static final class Foreman implements Actor<Cmd> {
        private final ActorContext<Cmd> ctx;
        private ActorRef<String> lastClient;
        int ticks;
        String found;

        Foreman(ActorContext<Cmd> ctx) {
            this.ctx = ctx;
            ctx.timers().startPeriodicTimer("tick", new Tick(), Duration.ofSeconds(1));
        }

        @Override
        public void receive(Cmd m) {
            if (m instanceof Work w) {
                ActorRef<String> worker = ctx.spawn(c -> job -> { }, "worker-" + w.job());
                ctx.watch(worker);
                worker.tell(w.job());
                lastClient = w.replyTo();
                ctx.self().tell(new Done(w.job()));
            } else if (m instanceof Done d) {
                lastClient.tell("done " + d.job());
                ctx.child("worker-" + d.job()).ifPresent(ctx::stop);
            } else if (m instanceof Tick) {
                if (++ticks == 2) {
                    ctx.timers().cancel("tick");
                }
            } else if (m instanceof Lookup l) {
                ctx.<Object, String>ask(l.directory(), r -> "who?" , Duration.ofSeconds(2),
                        (answer, failure) -> new Found(failure != null ? "failed: " + failure.getClass().getSimpleName()
                                : answer));
            } else if (m instanceof Found f) {
                found = f.answer();
            } else if (m instanceof Quit) {
                ctx.stop(ctx.self());
            }
        }
    }

    @Test
    void spawnsWatchesTellsAndStopsAsEffects() throws Exception {
        BehaviorTestKit<Cmd> kit = BehaviorTestKit.create(Foreman::new, "foreman");
        assertEquals(new Effect.TimerStarted("tick", new Tick(), Duration.ofSeconds(1), true),
                kit.expectEffectClass(Effect.TimerStarted.class));
        TestInbox<String> client = new TestInbox<>("client");
        kit.run(new Work("a", client.ref()));
        Effect.Spawned spawned = kit.expectEffectClass(Effect.Spawned.class);
        assertEquals("worker-a", spawned.name());
        ActorRef<?> worker = kit.childInbox("worker-a").ref();
        kit.expectEffect(new Effect.Watched(worker));
        assertEquals(List.of("a"), kit.childInbox("worker-a").receiveAll());
        assertFalse(client.hasMessages(), "the report waits in the actor's own mailbox");
        kit.runSelfMessages();
        client.expectMessage("done a");
        kit.expectEffect(new Effect.Stopped(worker));
        assertFalse(kit.hasEffects());
        kit.signal(new Terminated(worker, ExitReason.SHUTDOWN));
    }

    @Test
    void timersCanBeFiredByHandAndCancelled() throws Exception {
        BehaviorTestKit<Cmd> kit = BehaviorTestKit.create(Foreman::new);
        kit.retrieveAllEffects();
        assertTrue(kit.isTimerActive("tick"));
        kit.fireTimer("tick");
        kit.fireTimer("tick");
        assertFalse(kit.isTimerActive("tick"));
        kit.expectEffect(new Effect.TimerCancelled("tick"));
        AssertionError e = assertThrows(AssertionError.class, () -> kit.fireTimer("tick"));
        assertTrue(e.getMessage().contains("no active timer with key tick"), e.getMessage());
    }

    @Test
    void anAskIsAnEffectWhoseAnswerOrFailureTheTestFeedsBack() throws Exception {
        Foreman[] actor = new Foreman[1];
        BehaviorTestKit<Cmd> kit = BehaviorTestKit.create(ctx -> actor[0] = new Foreman(ctx));
        kit.retrieveAllEffects();
        TestInbox<Object> directory = new TestInbox<>("directory");
        kit.run(new Lookup(directory.ref()));
        assertEquals("who?", directory.receiveMessage());
        Effect.Asked asked = kit.expectEffectClass(Effect.Asked.class);
        assertEquals(directory.ref(), asked.target());
        assertEquals(Duration.ofSeconds(2), asked.timeout());
        kit.run((Cmd) asked.reply("bob"));
        assertEquals("bob", actor[0].found);
        kit.run((Cmd) asked.fail(new AskTimeoutException("no answer")));
        assertEquals("failed: AskTimeoutException", actor[0].found);
    }

    @Test
    void anActorThatStopsItselfHandlesNothingMore() throws Exception {
        BehaviorTestKit<Cmd> kit = BehaviorTestKit.create(Foreman::new);
        kit.run(new Quit());
        assertTrue(kit.isStopped());
        assertThrows(IllegalStateException.class, () -> kit.run(new Tick()));
        assertThrows(UnsupportedOperationException.class, () -> BehaviorTestKit.<Cmd>create(ctx -> {
            ctx.system();
            return m -> { };
        }));
    }

    @Test
    void exceptionsReachTheTestUnchanged() throws Exception {
        BehaviorTestKit<String> kit = BehaviorTestKit.create(ctx -> m -> {
            throw new IllegalArgumentException("bad " + m);
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> kit.run("input"));
        assertEquals("bad input", e.getMessage());
    }

    /** Stashes until "ready", then unstashes and switches to echoing; pipes a stage and adapts numbers. */
    @Test
    void becomeStashPipeAndAdaptersRunSynchronously() throws Exception {
        TestInbox<String> out = new TestInbox<>();
        java.util.concurrent.CompletableFuture<String> later = new java.util.concurrent.CompletableFuture<>();
        ActorRef<?>[] adapter = new ActorRef<?>[1];
        BehaviorTestKit<String> kit = BehaviorTestKit.create((ActorContext<String> ctx) -> {
            io.hyphae.api.Stash<String> stash = ctx.stash(2);
            adapter[0] = ctx.<Integer>messageAdapter(n -> "number " + n);
            ctx.pipeToSelf(later, (v, f) -> "piped " + v);
            return m -> {
                if (m.equals("ready")) {
                    stash.unstashAll();
                    ctx.become(x -> out.ref().tell("echo " + x));
                } else {
                    stash.stash(m);
                }
            };
        });
        kit.run("a");
        kit.run("b");
        assertEquals(List.of("a", "b"), kit.stashed());
        assertThrows(io.hyphae.api.StashOverflowException.class, () -> kit.run("c"));
        kit.run("ready");
        out.expectMessage("echo a");
        out.expectMessage("echo b");
        assertEquals(List.of(), kit.stashed());
        @SuppressWarnings("unchecked")
        ActorRef<Integer> numbers = (ActorRef<Integer>) adapter[0];
        numbers.tell(5);
        later.complete("v");
        kit.runSelfMessages();
        out.expectMessage("echo number 5");
        out.expectMessage("echo piped v");
        assertFalse(out.hasMessages());
    }
}
