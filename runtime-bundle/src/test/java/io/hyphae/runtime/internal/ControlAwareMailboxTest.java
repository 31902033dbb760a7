package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.mailbox.ControlMessage;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An actor on the control-aware mailbox, chosen by name: control messages overtake what is queued. */
class ControlAwareMailboxTest extends SystemTestBase {

    record Pause() implements ControlMessage {
    }

    @Test
    void aControlMessageOvertakesQueuedWorkAndTheFactoryIsChosenOnlyByName() throws Exception {
        Queue<Object> seen = new ConcurrentLinkedQueue<>();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ActorRef<Object> ref = system.spawn((ActorContext<Object> ctx) -> m -> {
            if (m.equals("hold")) {
                entered.countDown();
                release.await();
            } else {
                seen.add(m);
            }
        }, SpawnOptions.named("controlled").withMailboxFactory("control-aware"));
        assertEquals("control-aware", system.metrics(ref).orElseThrow().mailbox());
        ref.tell("hold");
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < 100; i++) {
            ref.tell(i);
        }
        ref.tell(new Pause());
        release.countDown();
        Await.until("all handled", () -> seen.size() == 101);
        List<Object> expected = new ArrayList<>();
        expected.add(new Pause());
        for (int i = 0; i < 100; i++) {
            expected.add(i);
        }
        assertEquals(expected, new ArrayList<>(seen));
        ActorRef<Object> plain = system.spawn((ActorContext<Object> ctx) -> m -> { }, "plain");
        assertEquals("builtin", system.metrics(plain).orElseThrow().mailbox(), "never chosen by ranking");
        assertThrows(RuntimeException.class, () -> system.spawn((ActorContext<Object> ctx) -> m -> { },
                SpawnOptions.defaults().withMailboxFactory("control-aware")
                        .withMailbox(MailboxSpec.blocking(10, Duration.ofSeconds(1)))));
    }
}
