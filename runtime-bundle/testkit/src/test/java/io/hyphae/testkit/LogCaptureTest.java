package io.hyphae.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** Log events of a kit's system, captured per system (the build runs on the capturing provider). */
class LogCaptureTest {

    @Test
    void anActorsOwnLogLinesAndItsFailureAreCaptured() {
        try (ActorTestKit kit = ActorTestKit.builder().timeout(Duration.ofSeconds(5)).build()) {
            ActorRef<String> chatty = kit.spawn(ctx -> m -> {
                if (m.equals("boom")) {
                    throw new IllegalStateException("boom by design");
                }
                ctx.log().warn("order {} is late", m);
            }, "chatty");
            chatty.tell("42");
            LogEvent warn = kit.logs().expectLog(Level.WARN, "order 42 is late");
            assertTrue(warn.thread().startsWith("hyphae-" + kit.system().name() + "-"), warn.thread());
            chatty.tell("boom");
            kit.expectFailure(chatty, IllegalStateException.class);
            LogEvent failure = kit.logs().expectLog(Level.ERROR, "testkit/chatty failed");
            assertEquals("boom by design", failure.throwable().getMessage());
            kit.stop(chatty);
            kit.verify();
        }
    }

    @Test
    void twoSystemsDoNotSeeEachOthersEvents() {
        try (ActorTestKit a = ActorTestKit.builder().name("logs-a").build();
                ActorTestKit b = ActorTestKit.builder().name("logs-b").build()) {
            ActorRef<String> inA = a.spawn(ctx -> m -> ctx.log().info("in a: {}", m));
            ActorRef<String> inB = b.spawn(ctx -> m -> ctx.log().info("in b: {}", m));
            inA.tell("x");
            inB.tell("y");
            a.logs().expectLog(Level.INFO, "in a: x");
            b.logs().expectLog(Level.INFO, "in b: y");
            a.logs().expectNoLog(Level.INFO, "in b:");
            b.logs().expectNoLog(Level.INFO, "in a:");
            try (LogCapture more = LogCapture.of(a.system(), Level.INFO)) {
                AssertionError e = assertThrows(AssertionError.class, () -> more.expectLog(Level.INFO, "never logged"));
                assertTrue(e.getMessage().contains("expected a log event INFO containing 'never logged'"),
                        e.getMessage());
            }
            a.stop(inA);
            b.stop(inB);
        }
    }
}
