package io.hyphae.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ExitReason;
import io.hyphae.api.SystemTerminatedException;
import io.hyphae.api.Terminated;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** What a probe promises, including how it fails. */
@HyphaeTest(timeoutMillis = 500)
class TestProbeTest {

    private static final Duration SHORT = Duration.ofMillis(100);

    @Test
    void expectsByValueClassAndPredicateInArrivalOrder(ActorTestKit kit) {
        TestProbe<Object> probe = kit.createProbe();
        probe.ref().tell("one");
        probe.ref().tell(2);
        probe.ref().tell(List.of(3));
        assertEquals("one", probe.expectMessage("one"));
        assertEquals(2, probe.expectMessageClass(Integer.class));
        probe.expectMessageThat("a list", m -> m instanceof List<?>);
        probe.expectNoMessage(SHORT);
    }

    @Test
    void aWrongMessageFailsWithWhatArrivedAndWhatIsQueued(ActorTestKit kit) throws InterruptedException {
        TestProbe<String> probe = kit.createProbe("greetings");
        probe.ref().tell("hallo");
        probe.ref().tell("servus");
        // Both must have reached the probe, or "servus" may still be on its way when the
        // failure lists what is queued.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!probe.toString().endsWith(" 2 queued]") && System.nanoTime() < deadline) {
            Thread.sleep(1);
        }
        AssertionError e = assertThrows(AssertionError.class, () -> probe.expectMessage("hello"));
        assertTrue(e.getMessage().contains("greetings: expected hello but received hallo"), e.getMessage());
        assertTrue(e.getMessage().contains("queued after it: [servus]"), e.getMessage());
    }

    @Test
    void aMissingMessageFailsAfterTheTimeoutNamingWhatCameBefore(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        probe.ref().tell("first");
        probe.expectMessage("first");
        AssertionError e = assertThrows(AssertionError.class, () -> probe.expectMessage("second", SHORT));
        assertTrue(e.getMessage().contains("within 100 ms but received nothing"), e.getMessage());
        assertTrue(e.getMessage().contains("last received before: [first]"), e.getMessage());
    }

    @Test
    void expectNoMessageFailsOnAnyMessage(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        probe.ref().tell("surprise");
        AssertionError e = assertThrows(AssertionError.class, () -> probe.expectNoMessage(SHORT));
        assertTrue(e.getMessage().contains("received surprise"), e.getMessage());
    }

    @Test
    void receivesSeveralAndFailsWhenTooFewArrive(ActorTestKit kit) {
        TestProbe<Integer> probe = kit.createProbe();
        for (int i = 0; i < 5; i++) {
            probe.ref().tell(i);
        }
        assertEquals(List.of(0, 1, 2), probe.receiveMessages(3));
        AssertionError e = assertThrows(AssertionError.class, () -> probe.receiveMessages(3, SHORT));
        assertTrue(e.getMessage().contains("expected 3 messages within 100 ms but received 2: [3, 4]"),
                e.getMessage());
    }

    @Test
    void fishingKeepsIgnoresAndCompletes(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        for (String s : List.of("progress 1", "noise", "progress 2", "done")) {
            probe.ref().tell(s);
        }
        List<String> kept = probe.fishForMessage(Duration.ofSeconds(1), m -> m.equals("done")
                ? TestProbe.Fishing.COMPLETE
                : m.startsWith("progress") ? TestProbe.Fishing.CONTINUE : TestProbe.Fishing.IGNORE);
        assertEquals(List.of("progress 1", "progress 2", "done"), kept);
        probe.ref().tell("never done");
        AssertionError e = assertThrows(AssertionError.class,
                () -> probe.fishForMessage(SHORT, m -> TestProbe.Fishing.CONTINUE));
        assertTrue(e.getMessage().contains("looked at [never done]"), e.getMessage());
    }

    @Test
    void expectTerminatedWatchesAndReportsTheExitReason(ActorTestKit kit) {
        TestProbe<Object> probe = kit.createProbe();
        ActorRef<String> worker = kit.spawn(ctx -> m -> ctx.stop(ctx.self()));
        worker.tell("quit");
        Terminated t = probe.expectTerminated(worker);
        assertEquals(worker, t.ref());
        assertEquals(ExitReason.NORMAL, t.reason());
        ActorRef<String> alive = kit.spawn(ctx -> m -> { });
        AssertionError e = assertThrows(AssertionError.class, () -> probe.expectTerminated(alive, SHORT));
        assertTrue(e.getMessage().contains("did not terminate within 100 ms"), e.getMessage());
        kit.stop(alive);
    }

    @Test
    void awaitAssertRetriesUntilTheAssertionHolds(ActorTestKit kit) {
        AtomicInteger n = new AtomicInteger();
        kit.awaitAssert(() -> assertEquals(3, n.incrementAndGet()));
        AssertionError e = assertThrows(AssertionError.class,
                () -> ActorTestKit.awaitAssert(SHORT, () -> assertEquals(1, 2, "never")));
        assertTrue(e.getMessage().startsWith("never"), e.getMessage());
    }

    @Test
    void badTimeoutsAreRejected(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        assertThrows(IllegalArgumentException.class, () -> probe.expectMessage("x", Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> probe.expectNoMessage(Duration.ofMillis(-1)));
        assertThrows(IllegalArgumentException.class, () -> probe.receiveMessages(0));
        assertThrows(IllegalArgumentException.class, () -> ActorTestKit.awaitAssert(Duration.ZERO, () -> { }));
        assertThrows(IllegalArgumentException.class, () -> ActorTestKit.builder().timeout(Duration.ofSeconds(-3)));
        assertThrows(NullPointerException.class, () -> probe.expectMessage(null));
    }

    @Test
    void expectingOnATerminatedSystemIsATypedError() {
        ActorTestKit kit = ActorTestKit.create();
        TestProbe<String> probe = kit.createProbe();
        kit.close();
        SystemTerminatedException e = assertThrows(SystemTerminatedException.class, () -> probe.expectMessage("x"));
        assertTrue(e.getMessage().contains("has terminated"), e.getMessage());
        assertThrows(SystemTerminatedException.class, kit::createProbe);
    }
}
