package io.hyphae.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.AskTimeoutException;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.SystemTerminatedException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The runtime's timers and ask timeouts on a manual clock: no sleep, exact order. */
@HyphaeTest(manualClock = true)
class VirtualTimeTest {

    record Start(String key, String message, Duration delay, boolean periodic) {
    }

    /** Starts timers on request and tells the probe every message it gets from them. */
    private static ActorRef<Object> timerActor(ActorTestKit kit, TestProbe<Object> probe) {
        return kit.spawn(ctx -> m -> {
            if (m instanceof Start s) {
                if (s.periodic()) {
                    ctx.timers().startPeriodicTimer(s.key(), s.message(), s.delay());
                } else {
                    ctx.timers().startSingleTimer(s.key(), s.message(), s.delay());
                }
                probe.ref().tell("started " + s.key());
            } else if ("cancel".equals(m)) {
                ctx.timers().cancel("tick");
                probe.ref().tell("cancelled");
            } else {
                probe.ref().tell(m);
            }
        });
    }

    @Test
    void singleTimersFireInDueOrderWhenTimeIsAdvanced(ActorTestKit kit) {
        TestProbe<Object> probe = kit.createProbe();
        ActorRef<Object> actor = timerActor(kit, probe);
        actor.tell(new Start("late", "after an hour", Duration.ofHours(1), false));
        actor.tell(new Start("soon", "after a minute", Duration.ofMinutes(1), false));
        probe.expectMessage("started late");
        probe.expectMessage("started soon");
        probe.expectNoMessage(Duration.ofMillis(50));
        kit.clock().advance(Duration.ofSeconds(59));
        probe.expectNoMessage(Duration.ofMillis(50));
        kit.clock().advance(Duration.ofHours(2));
        probe.expectMessage("after a minute");
        probe.expectMessage("after an hour");
        assertEquals(0, kit.clock().pendingTasks());
        kit.stop(actor);
    }

    @Test
    void aPeriodicTimerTicksOncePerPeriodAndStopsWhenCancelled(ActorTestKit kit) {
        TestProbe<Object> probe = kit.createProbe();
        ActorRef<Object> actor = timerActor(kit, probe);
        actor.tell(new Start("tick", "tick", Duration.ofSeconds(10), true));
        probe.expectMessage("started tick");
        kit.clock().advance(Duration.ofSeconds(35));
        assertEquals(List.of("tick", "tick", "tick"), probe.receiveMessages(3));
        probe.expectNoMessage(Duration.ofMillis(50));
        actor.tell("cancel");
        probe.expectMessage("cancelled");
        kit.clock().advance(Duration.ofMinutes(10));
        probe.expectNoMessage(Duration.ofMillis(50));
        kit.stop(actor);
    }

    @Test
    void anAskTimesOutWhenTheClockPassesItsTimeoutAndALateReplyIsADeadLetter(ActorTestKit kit) throws Exception {
        CompletableFuture<ActorRef<Object>> replyTo = new CompletableFuture<>();
        ActorRef<Object> silent = kit.spawn(ctx -> m -> {
            @SuppressWarnings("unchecked")
            ActorRef<Object> r = (ActorRef<Object>) m;
            replyTo.complete(r);
        });
        CompletableFuture<Object> answer = kit.system().ask(silent, r -> r, Duration.ofSeconds(30))
                .toCompletableFuture();
        replyTo.get(5, TimeUnit.SECONDS);
        kit.clock().advance(Duration.ofSeconds(29));
        Thread.sleep(20); // real time passing must not matter
        assertFalse(answer.isDone());
        kit.clock().advance(Duration.ofSeconds(1));
        ExecutionException e = assertThrows(ExecutionException.class, answer::get);
        assertInstanceOf(AskTimeoutException.class, e.getCause());
        replyTo.get().tell("too late");
        DeadLetter late = kit.expectDeadLetter("too late");
        assertEquals(DeadLetter.Reason.LATE_REPLY, late.reason());
        kit.stop(silent);
    }

    @Test
    void aTimerCancelledAfterItFiredNeverDelivers(ActorTestKit kit) throws Exception {
        TestProbe<String> probe = kit.createProbe();
        CountDownLatch busy = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<String> actor = kit.spawn(ctx -> m -> {
            if (m.equals("block")) {
                ctx.timers().startSingleTimer("t", "fired", Duration.ofSeconds(1));
                busy.countDown();
                release.await();
                // The timer fired while this handler ran, so its message is queued; cancel it now.
                probe.ref().tell("active=" + ctx.timers().isTimerActive("t"));
                ctx.timers().cancel("t");
            } else {
                probe.ref().tell(m);
            }
        });
        actor.tell("block");
        assertTrue(busy.await(5, TimeUnit.SECONDS));
        kit.clock().advance(Duration.ofSeconds(1)); // runs the timer's task here: its message is queued now
        actor.tell("end");
        release.countDown();
        probe.expectMessage("active=true");
        probe.expectMessage("end");
        probe.expectNoMessage(Duration.ofMillis(50));
        kit.stop(actor);
    }

    @Test
    void deadLetterTimestampsComeFromTheClock(ActorTestKit kit) {
        assertTrue(kit.system().clock() != null);
        long before = kit.system().clock().currentTimeMillis();
        kit.clock().advance(Duration.ofDays(3));
        assertEquals(before + Duration.ofDays(3).toMillis(), kit.system().clock().currentTimeMillis());
    }

    @Test
    void terminatingCancelsWhatTheSystemScheduledOnTheClock() throws Exception {
        ManualClock clock = new ManualClock();
        try (ActorTestKit kit = ActorTestKit.builder().manualClock(clock).build()) {
            ActorRef<Object> silent = kit.spawn(ctx -> m -> { });
            CompletableFuture<Object> answer = kit.system().ask(silent, r -> "q", Duration.ofMinutes(1))
                    .toCompletableFuture();
            assertEquals(1, clock.pendingTasks());
            kit.system().terminate().toCompletableFuture().get();
            ExecutionException e = assertThrows(ExecutionException.class, answer::get);
            assertInstanceOf(SystemTerminatedException.class, e.getCause());
        }
        assertEquals(0, clock.pendingTasks(), "the ask's timeout was cancelled on the clock");
    }
}
