package com.example;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.testkit.ActorTestKit;
import io.hyphae.testkit.BehaviorTestKit;
import io.hyphae.testkit.Effect;
import io.hyphae.testkit.HyphaeTest;
import io.hyphae.testkit.TestInbox;
import io.hyphae.testkit.TestProbe;
import java.time.Duration;
import org.junit.jupiter.api.Test;

@HyphaeTest(manualClock = true)
class ReminderTest {

    sealed interface Command permits Remind, Due {
    }

    record Remind(String what, Duration after, ActorRef<String> replyTo) implements Command {
    }

    record Due(String what, ActorRef<String> replyTo) implements Command {
    }

    /** The actor under test: confirms each reminder, and tells it again when it is due. */
    static Actor<Command> reminders(ActorContext<Command> ctx) {
        return m -> {
            if (m instanceof Remind r) {
                ctx.timers().startSingleTimer(r.what(), new Due(r.what(), r.replyTo()), r.after());
                r.replyTo().tell("will remind you to " + r.what());
            } else if (m instanceof Due d) {
                d.replyTo().tell("time to " + d.what());
            }
        };
    }

    @Test
    void remindsWhenTheTimeHasCome(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        ActorRef<Command> reminders = kit.spawn(ReminderTest::reminders, "reminders");

        reminders.tell(new Remind("stand up", Duration.ofMinutes(30), probe.ref()));
        probe.expectMessage("will remind you to stand up");

        kit.clock().advance(Duration.ofMinutes(29)); // virtual time: the test never sleeps
        probe.expectNoMessage(Duration.ofMillis(50));
        kit.clock().advance(Duration.ofMinutes(1));
        probe.expectMessage("time to stand up");

        kit.stop(reminders); // the extension fails a test that leaves actors alive
    }

    @Test
    void startsOneTimerPerReminder() throws Exception {
        BehaviorTestKit<Command> actor = BehaviorTestKit.create(ReminderTest::reminders);
        TestInbox<String> inbox = new TestInbox<>();

        actor.run(new Remind("stand up", Duration.ofMinutes(30), inbox.ref()));

        inbox.expectMessage("will remind you to stand up");
        actor.expectEffect(new Effect.TimerStarted("stand up", new Due("stand up", inbox.ref()),
                Duration.ofMinutes(30), false));
        actor.fireTimer("stand up");
        inbox.expectMessage("time to stand up");
    }
}
