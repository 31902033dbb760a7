package io.hyphae.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyphae.api.ActorRef;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** After the first ten, dead letters are summarized at most once a minute, on the system's clock. */
class DeadLetterSummaryTest {

    @Test
    void aBurstIsSummarizedOnceAMinuteByReasonAndAQuietMinuteLogsNothing() {
        try (ActorTestKit kit = ActorTestKit.builder().manualClock().build()) {
            kit.allowDeadLetters();
            ActorRef<String> gone = kit.spawn(ctx -> m -> { });
            kit.stop(gone);
            for (int i = 0; i < 15; i++) {
                gone.tell("letter " + i);
            }
            kit.logs().expectLog(Level.INFO, "(further dead letters are logged at DEBUG, and summarized at INFO");
            assertEquals(1, kit.clock().pendingTasks(), "one summary armed");
            kit.clock().advance(Duration.ofSeconds(60));
            kit.logs().expectLog(Level.INFO, "15 dead letters in the last 60 s (RECIPIENT_TERMINATED 15)");

            assertEquals(0, kit.clock().pendingTasks(), "nothing armed while no letter comes");
            kit.clock().advance(Duration.ofMinutes(5));
            kit.logs().expectNoLog(Level.INFO, "dead letters in the last");

            gone.tell("late");
            gone.tell("later");
            kit.clock().advance(Duration.ofSeconds(60));
            kit.logs().expectLog(Level.INFO, "2 dead letters in the last 60 s (RECIPIENT_TERMINATED 2)");
        }
    }
}
