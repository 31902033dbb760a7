package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.Stash;
import io.hyphae.api.StashOverflowException;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Behaviour switching, the stash, piping a stage to self, message adapters and ctx.ask. */
class BecomeStashPipeTest extends SystemTestBase {

    private final Queue<Object> seen = new ConcurrentLinkedQueue<>();

    @Test
    void becomeSwitchesTheHandlerForTheNextMessagesAndUnbecomeGoesBack() throws Exception {
        ActorRef<String> ref = system.spawn((ActorContext<String> ctx) -> m -> {
            seen.add("base:" + m);
            if (m.equals("shout")) {
                ctx.become(x -> {
                    seen.add("loud:" + x.toUpperCase());
                    if (x.equals("calm")) {
                        ctx.unbecome();
                    }
                });
            }
        }, "switcher");
        for (String m : List.of("a", "shout", "b", "c", "calm", "d")) {
            ref.tell(m);
        }
        Await.until("all six handled", () -> seen.size() == 6);
        assertEquals(List.of("base:a", "base:shout", "loud:B", "loud:C", "loud:CALM", "base:d"), new ArrayList<>(seen));
    }

    @Test
    void aRestartGoesBackToTheInstancesOwnHandler() throws Exception {
        ActorRef<String> ref = system.spawn((ActorContext<String> ctx) -> m -> {
            seen.add("base:" + m);
            ctx.become(x -> {
                seen.add("switched:" + x);
                if (x.equals("fail")) {
                    throw new IllegalStateException("failing on purpose");
                }
            });
        }, "reset");
        for (String m : List.of("a", "b", "fail", "c")) {
            ref.tell(m);
        }
        Await.until("four handled", () -> seen.size() == 4);
        assertEquals(List.of("base:a", "switched:b", "switched:fail", "base:c"), new ArrayList<>(seen));
    }

    /** Stashes everything until "open", then handles the stash before anything newer. */
    private static Actor<String> gatekeeper(ActorContext<String> ctx, Queue<Object> seen, int capacity) {
        Stash<String> stash = ctx.stash(capacity);
        return m -> {
            if (m.equals("open")) {
                seen.add("unstashed " + stash.unstashAll());
                ctx.become(x -> seen.add(x));
            } else {
                stash.stash(m);
            }
        };
    }

    @Test
    void unstashAllReplaysInArrivalOrderBeforeNewerMessages() throws Exception {
        CountDownLatch hold = new CountDownLatch(1);
        ActorRef<String> ref = system.spawn((ActorContext<String> ctx) -> {
            Actor<String> gate = gatekeeper(ctx, seen, 100);
            return m -> {
                if (m.equals("hold")) {
                    hold.await();
                } else {
                    gate.receive(m);
                }
            };
        }, "gate");
        ref.tell("m1");
        ref.tell("m2");
        ref.tell("hold");
        ref.tell("open");
        ref.tell("m3"); // queued before the unstash: handled after the stashed ones
        hold.countDown();
        ref.tell("m4");
        Await.until("all handled", () -> seen.size() == 5);
        assertEquals(List.of("unstashed 2", "m1", "m2", "m3", "m4"), new ArrayList<>(seen));
    }

    @Test
    void aFullStashIsATypedErrorAndBadCapacitiesAreRefused() throws Exception {
        AtomicReference<Throwable> overflow = new AtomicReference<>();
        AtomicReference<Throwable> zero = new AtomicReference<>();
        AtomicReference<Throwable> shrink = new AtomicReference<>();
        CompletableFuture<Integer> done = new CompletableFuture<>();
        system.spawn((ActorContext<String> ctx) -> (Actor<String>) m -> {
            Stash<String> s = ctx.stash(2);
            s.stash("a");
            s.stash("b");
            try {
                s.stash("c");
            } catch (StashOverflowException e) {
                overflow.set(e);
            }
            try {
                ctx.stash(0);
            } catch (IllegalArgumentException e) {
                zero.set(e);
            }
            try {
                ctx.stash(1);
            } catch (IllegalArgumentException e) {
                shrink.set(e);
            }
            done.complete(ctx.stash(5).size());
        }, "full").tell("go");
        assertEquals(2, done.get(5, TimeUnit.SECONDS), "the overflowing message was not kept; growing keeps both");
        assertTrue(overflow.get().getMessage().contains("is full (2 messages)"), overflow.get().getMessage());
        assertInstanceOf(IllegalArgumentException.class, zero.get());
        assertTrue(shrink.get().getMessage().contains("holds 2 messages"), shrink.get().getMessage());
    }

    @Test
    void stashedMessagesGoToTheFreshInstanceAfterARestartAndToDeadLettersAtAStop() throws Exception {
        ActorRef<String> ref = system.spawn((ActorContext<String> ctx) -> {
            Stash<String> stash = ctx.stash(10);
            seen.add("start");
            return m -> {
                if (m.equals("fail")) {
                    throw new IllegalStateException("failing on purpose");
                } else if (m.startsWith("keep")) {
                    stash.stash(m);
                } else {
                    seen.add(m);
                }
            };
        }, "survivor");
        ref.tell("keep-1");
        ref.tell("keep-2");
        ref.tell("fail");
        // The fresh instance gets keep-1 and keep-2 first, and stashes them again.
        ref.tell("after");
        Await.until("restarted and handled 'after'", () -> seen.contains("after"));
        assertEquals(List.of("start", "start", "after"), new ArrayList<>(seen));
        system.stop(ref);
        system.whenTerminated(ref).toCompletableFuture().get(5, TimeUnit.SECONDS);
        Await.until("the stashed messages as dead letters", () -> deadLetters.size() == 2);
        assertEquals(List.of("keep-1", "keep-2"), deadLetters.stream().map(DeadLetter::message).toList());
        assertTrue(deadLetters.stream().allMatch(d -> d.reason() == DeadLetter.Reason.RECIPIENT_TERMINATED));
    }

    @Test
    void pipeToSelfMapsOnTheActorsTurnInOrderWithItsMessages() throws Exception {
        CompletableFuture<String> later = new CompletableFuture<>();
        AtomicReference<String> mapperThread = new AtomicReference<>();
        AtomicReference<String> actorThread = new AtomicReference<>();
        ActorRef<Object> ref = system.spawn((ActorContext<Object> ctx) -> new Actor<Object>() {
            private int count;

            @Override
            public void receive(Object m) {
                actorThread.set(Thread.currentThread().getName());
                if (m.equals("start")) {
                    ctx.pipeToSelf(later, (value, failure) -> {
                        mapperThread.set(Thread.currentThread().getName());
                        return "piped " + value + " after " + count; // reads actor state: safe on its turn
                    });
                } else {
                    count++;
                    seen.add(m);
                }
            }
        }, "piper");
        ref.tell("start");
        ref.tell("x");
        Await.until("x handled", () -> seen.contains("x"));
        later.complete("v"); // completed on the test thread
        Await.until("the piped outcome", () -> seen.size() == 2);
        assertEquals("piped v after 1", new ArrayList<>(seen).get(1));
        assertTrue(mapperThread.get().contains("dispatcher"), "mapped on the actor's turn, not on "
                + mapperThread.get());
    }

    @Test
    void aFailedStageIsPipedAsItsCause() throws Exception {
        CompletableFuture<String> failing = new CompletableFuture<>();
        system.spawn((ActorContext<Object> ctx) -> {
            ctx.pipeToSelf(failing, (v, f) -> f == null ? "value " + v : "failed: " + f.getMessage());
            return seen::add;
        }, "failing-pipe");
        failing.completeExceptionally(new IllegalStateException("no luck"));
        Await.until("the failure", () -> seen.contains("failed: no luck"));
    }

    @Test
    void aMessageAdapterConvertsForeignMessagesOnTheTurnAndDeadLettersAfterAStop() throws Exception {
        CompletableFuture<ActorRef<Integer>> adapter = new CompletableFuture<>();
        ActorRef<String> ref = system.spawn((ActorContext<String> ctx) -> {
            adapter.complete(ctx.messageAdapter((Integer n) -> "number " + n));
            return seen::add;
        }, "adapting");
        ActorRef<Integer> numbers = adapter.get(5, TimeUnit.SECONDS);
        assertEquals("adapting$adapter", numbers.path());
        numbers.tell(7);
        ref.tell("text");
        numbers.tell(8);
        Await.until("three handled", () -> seen.size() == 3);
        assertEquals(List.of("number 7", "text", "number 8"), new ArrayList<>(seen));
        assertThrows(NullPointerException.class, () -> numbers.tell(null));
        system.stop(ref);
        system.whenTerminated(ref).toCompletableFuture().get(5, TimeUnit.SECONDS);
        numbers.tell(9);
        Await.until("the foreign message as a dead letter", () -> deadLetters.stream()
                .anyMatch(d -> d.message().equals(9)));
    }

    @Test
    void ctxAskDeliversTheAnswerOnTheTurnAndRefusesABadTimeoutAtOnce() throws Exception {
        ActorRef<Object> echo = system.spawn((ActorContext<Object> ctx) -> m -> {
            if (m instanceof Object[] req) {
                @SuppressWarnings("unchecked")
                ActorRef<String> replyTo = (ActorRef<String>) req[1];
                replyTo.tell("echo " + req[0]);
            }
        }, "echo");
        AtomicReference<Throwable> badTimeout = new AtomicReference<>();
        system.spawn((ActorContext<String> ctx) -> (Actor<String>) m -> {
            if (m.equals("go")) {
                ctx.<Object, String>ask(echo, r -> new Object[] {"hi", r}, Duration.ofSeconds(5),
                        (reply, failure) -> "answer: " + reply);
                try {
                    ctx.<Object, String>ask(echo, r -> new Object[] {"hi", r}, Duration.ofSeconds(-1),
                            (reply, failure) -> "never");
                } catch (IllegalArgumentException e) {
                    badTimeout.set(e);
                }
            } else {
                seen.add(m);
            }
        }, "asker").tell("go");
        Await.until("the answer", () -> seen.contains("answer: echo hi"));
        assertTrue(badTimeout.get().getMessage().contains("must be positive"), String.valueOf(badTimeout.get()));
    }

    @Test
    void nullArgumentsAreTypedErrors() throws Exception {
        CompletableFuture<List<Class<?>>> errors = new CompletableFuture<>();
        system.spawn((ActorContext<String> ctx) -> (Actor<String>) m -> {
            List<Class<?>> out = new ArrayList<>();
            for (Runnable r : List.<Runnable>of(() -> ctx.become(null), () -> ctx.pipeToSelf(null, (v, f) -> "x"),
                    () -> ctx.pipeToSelf(new CompletableFuture<String>(), null), () -> ctx.messageAdapter(null),
                    () -> ctx.stash(3).stash(null))) {
                try {
                    r.run();
                    out.add(Void.class);
                } catch (RuntimeException e) {
                    out.add(e.getClass());
                }
            }
            errors.complete(out);
        }, "nulls").tell("go");
        assertEquals(List.of(NullPointerException.class, NullPointerException.class, NullPointerException.class,
                NullPointerException.class, NullPointerException.class), errors.get(5, TimeUnit.SECONDS));
    }
}
