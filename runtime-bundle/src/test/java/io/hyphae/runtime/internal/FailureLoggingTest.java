package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.SpawnOptions;
import io.hyphae.runtime.testsupport.Await;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** {@link SpawnOptions#withFailureLogging}: a quiet actor's failures leave no ERROR line, and nothing else changes. */
class FailureLoggingTest extends SystemTestBase {

    private static ActorFactory<String> failingOnce(AtomicInteger starts, AtomicInteger handled) {
        return ctx -> new Actor<String>() {
            @Override
            public void onStart() {
                starts.incrementAndGet();
            }

            @Override
            public void receive(String m) {
                if (m.equals("fail")) {
                    throw new IllegalStateException("failing on purpose");
                }
                handled.incrementAndGet();
            }
        };
    }

    @Test
    void aQuietActorFailsRestartsAndIsCountedWithoutAnErrorLine() {
        AtomicInteger loudStarts = new AtomicInteger();
        AtomicInteger quietStarts = new AtomicInteger();
        AtomicInteger handled = new AtomicInteger();
        ActorRef<String> loud = system.spawn(failingOnce(loudStarts, handled), SpawnOptions.named("loud"));
        ActorRef<String> quiet = system.spawn(failingOnce(quietStarts, handled),
                SpawnOptions.named("quiet").withFailureLogging(false));
        assertFalse(SpawnOptions.named("quiet").withFailureLogging(false).withThroughput(5).failureLogging(),
                "every with-method keeps the setting");
        PrintStream err = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            loud.tell("fail");
            loud.tell("after");
            quiet.tell("fail");
            quiet.tell("after");
            // The failure is logged before the parent hears of it, so both lines are out by the time both restarted.
            Await.until("both actors restarted and handled the next message",
                    () -> loudStarts.get() == 2 && quietStarts.get() == 2 && handled.get() == 2);
        } finally {
            System.setErr(err);
        }
        String log = captured.toString(StandardCharsets.UTF_8);
        assertTrue(log.contains("actor loud failed"), log);
        assertTrue(log.contains("failing on purpose"), log);
        assertFalse(log.contains("actor quiet failed"), log);
        assertEquals(2, system.metrics().failures());
        assertEquals(1, system.metrics(quiet).orElseThrow().failures());
    }
}
