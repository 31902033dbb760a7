package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.AskTimeoutException;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.ExitReason;
import io.hyphae.api.Signal;
import io.hyphae.api.Terminated;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class WatchTimerAskTest extends SystemTestBase {

    record Ping(ActorRef<String> replyTo) {
    }

    /** Watches whatever ref it is sent; unwatches on "unwatch"; records signals. */
    private ActorRef<Object> watcher(List<Object> signals) {
        return system.spawnAnonymous(ctx -> new Actor<Object>() {
            ActorRef<?> target;

            @Override
            public void receive(Object m) {
                if (m instanceof ActorRef<?> r) {
                    target = r;
                    ctx.watch(r);
                    signals.add("watching");
                } else if ("unwatch".equals(m)) {
                    ctx.unwatch(target);
                    signals.add("unwatched");
                }
            }

            @Override
            public void onSignal(Signal s) {
                signals.add(s);
            }
        });
    }

    @Test
    void watcherGetsTerminatedOnce() throws Exception {
        List<Object> signals = new CopyOnWriteArrayList<>();
        ActorRef<String> target = system.spawnAnonymous(ctx -> m -> { });
        ActorRef<Object> w = watcher(signals);
        w.tell(target);
        w.tell(target);
        Await.until("watching", () -> signals.size() == 2);
        system.stop(target);
        Await.until("terminated", () -> signals.size() == 3);
        assertEquals(new Terminated(target, ExitReason.SHUTDOWN), signals.get(2));
        system.whenTerminated(target).toCompletableFuture().get(5, TimeUnit.SECONDS);
        w.tell("unwatch");
        Await.until("unwatched", () -> signals.size() == 4);
        assertEquals(4, signals.size(), "one Terminated although watched twice");
    }

    @Test
    void watchingAStoppedActorSignalsAtOnce() throws Exception {
        List<Object> signals = new CopyOnWriteArrayList<>();
        ActorRef<String> target = system.spawnAnonymous(ctx -> m -> { });
        system.stop(target);
        system.whenTerminated(target).toCompletableFuture().get(5, TimeUnit.SECONDS);
        watcher(signals).tell(target);
        Await.until("terminated", () -> signals.contains(new Terminated(target, ExitReason.SHUTDOWN)));
    }

    @Test
    void unwatchedActorNeverGetsTerminated() throws Exception {
        List<Object> signals = new CopyOnWriteArrayList<>();
        ActorRef<String> target = system.spawnAnonymous(ctx -> m -> { });
        ActorRef<Object> w = watcher(signals);
        w.tell(target);
        w.tell("unwatch");
        Await.until("unwatched", () -> signals.size() == 2);
        system.stop(target);
        system.whenTerminated(target).toCompletableFuture().get(5, TimeUnit.SECONDS);
        // Watchers are notified before whenTerminated completes, and system messages go
        // before user messages: a Terminated, if any, would be handled before this one.
        ActorRef<Object> probe = system.spawnAnonymous(ctx -> m -> { });
        w.tell(probe);
        Await.until("watching probe", () -> signals.size() == 3);
        assertEquals(List.of("watching", "unwatched", "watching"), signals);
    }

    @Test
    void askFromOutsideIsAnswered() throws Exception {
        ActorRef<Ping> ponger = system.spawnAnonymous(ctx -> p -> p.replyTo().tell("pong"));
        CompletionStage<String> answer = system.ask(ponger, Ping::new, Duration.ofSeconds(5));
        assertEquals("pong", answer.toCompletableFuture().get(5, TimeUnit.SECONDS));
    }

    @Test
    void askRejectsBadInput() {
        ActorRef<Ping> ponger = system.spawnAnonymous(ctx -> p -> { });
        assertThrows(IllegalArgumentException.class, () -> system.ask(ponger, Ping::new, Duration.ZERO));
        assertThrows(NullPointerException.class, () -> system.ask(null, Ping::new, Duration.ofSeconds(1)));
        assertThrows(NullPointerException.class, () -> system.ask(ponger, r -> null, Duration.ofSeconds(1)));
    }

    sealed interface Cmd permits Start, Answer {
    }

    record Start() implements Cmd {
    }

    record Answer(String text) implements Cmd {
    }

    @Test
    void actorAsksAnotherAndGetsTheAnswerAsItsOwnMessage() {
        List<String> answers = new CopyOnWriteArrayList<>();
        ActorRef<Ping> ponger = system.spawnAnonymous(ctx -> p -> p.replyTo().tell("pong"));
        ActorRef<Ping> silent = system.spawnAnonymous(ctx -> p -> { });
        ActorRef<Cmd> asker = system.spawnAnonymous((ActorContext<Cmd> ctx) -> m -> {
            if (m instanceof Start) {
                ctx.<Ping, String>ask(ponger, Ping::new, Duration.ofSeconds(5),
                        (r, t) -> new Answer(t == null ? r : "failed"));
                ctx.<Ping, String>ask(silent, Ping::new, Duration.ofMillis(20),
                        (r, t) -> new Answer(t instanceof AskTimeoutException ? "timeout" : "unexpected " + t));
            } else if (m instanceof Answer a) {
                answers.add(a.text());
            }
        });
        asker.tell(new Start());
        Await.until("two answers", () -> answers.size() == 2);
        assertEquals(List.of("pong", "timeout"), answers);
    }
}
