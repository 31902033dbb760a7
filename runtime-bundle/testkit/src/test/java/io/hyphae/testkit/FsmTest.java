package io.hyphae.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.Fsm;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link Fsm}: transitions, state timeouts on virtual time, unhandled messages, bad input. */
@HyphaeTest(manualClock = true)
class FsmTest {

    enum State { LOCKED, OPEN, BROKEN }

    /** A door: a right code opens it, it closes itself after 10 s open, "kick" breaks it for good. */
    private static Fsm<State, String> door(ActorContext<String> ctx, TestProbe<String> probe) {
        return Fsm.<State, String>builder(ctx, State.LOCKED)
                .when(State.LOCKED, m -> switch (m) {
                    case "1234" -> Fsm.goTo(State.OPEN);
                    case "kick" -> Fsm.goTo(State.BROKEN);
                    default -> {
                        probe.ref().tell("wrong code " + m);
                        yield Fsm.stay();
                    }
                })
                .when(State.OPEN, m -> switch (m) {
                    case "close", "timeout" -> Fsm.goTo(State.LOCKED);
                    case "1234" -> Fsm.goTo(State.OPEN); // staying: the timeout keeps running
                    case "remove" -> Fsm.stop();
                    default -> Fsm.stay();
                })
                .whenUnhandled(m -> {
                    probe.ref().tell("unhandled " + m);
                    return Fsm.stay();
                })
                .stateTimeout(State.OPEN, Duration.ofSeconds(10), "timeout")
                .onTransition((from, to) -> probe.ref().tell(from + " -> " + to))
                .build();
    }

    @Test
    void transitionsAndAStateTimeoutOnVirtualTime(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        ActorRef<String> door = kit.spawn(ctx -> door(ctx, probe));
        door.tell("0000");
        probe.expectMessage("wrong code 0000");
        door.tell("1234");
        probe.expectMessage("LOCKED -> OPEN");
        kit.clock().advance(Duration.ofSeconds(6));
        door.tell("1234"); // goTo the same state: no transition, the timeout is not restarted
        probe.expectNoMessage(Duration.ofMillis(50));
        kit.clock().advance(Duration.ofSeconds(4));
        probe.expectMessage("OPEN -> LOCKED");
        kit.clock().advance(Duration.ofMinutes(5));
        probe.expectNoMessage(Duration.ofMillis(50));
        kit.stop(door);
    }

    @Test
    void leavingAStateCancelsItsTimeout(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        ActorRef<String> door = kit.spawn(ctx -> door(ctx, probe));
        door.tell("1234");
        probe.expectMessage("LOCKED -> OPEN");
        door.tell("close");
        probe.expectMessage("OPEN -> LOCKED");
        door.tell("1234");
        probe.expectMessage("LOCKED -> OPEN");
        kit.clock().advance(Duration.ofSeconds(9));
        probe.expectNoMessage(Duration.ofMillis(50)); // the first opening's timer would have fired by now
        kit.clock().advance(Duration.ofSeconds(1));
        probe.expectMessage("OPEN -> LOCKED");
        kit.stop(door);
    }

    @Test
    void aStateWithoutHandlerUsesTheUnhandledOneAndStopStopsTheActor(ActorTestKit kit) {
        TestProbe<String> probe = kit.createProbe();
        ActorRef<String> door = kit.spawn(ctx -> door(ctx, probe));
        door.tell("kick");
        probe.expectMessage("LOCKED -> BROKEN");
        door.tell("1234");
        probe.expectMessage("unhandled 1234");
        ActorRef<String> other = kit.spawn(ctx -> door(ctx, probe));
        other.tell("1234");
        probe.expectMessage("LOCKED -> OPEN");
        other.tell("remove");
        probe.expectTerminated(other);
        kit.stop(door);
    }

    @Test
    void badDescriptionsAreTypedErrors() throws Exception {
        List<Class<?>> errors = new ArrayList<>();
        BehaviorTestKit.create(ctx -> {
            for (Runnable r : List.<Runnable>of(
                    () -> Fsm.builder(null, State.LOCKED),
                    () -> Fsm.builder(ctx, null),
                    () -> Fsm.<State, Object>builder(ctx, State.LOCKED).when(State.OPEN, m -> Fsm.stay())
                            .when(State.OPEN, m -> Fsm.stay()),
                    () -> Fsm.<State, Object>builder(ctx, State.LOCKED).stateTimeout(State.OPEN, Duration.ZERO, "x"),
                    () -> Fsm.goTo(null))) {
                try {
                    r.run();
                    errors.add(Void.class);
                } catch (RuntimeException e) {
                    errors.add(e.getClass());
                }
            }
            return m -> { };
        });
        assertEquals(List.of(NullPointerException.class, NullPointerException.class, IllegalArgumentException.class,
                IllegalArgumentException.class, NullPointerException.class), errors);
    }

    @Test
    void aHandlerThatReturnsNoTransitionFailsTheActor() throws Exception {
        BehaviorTestKit<String> kit = BehaviorTestKit.create(ctx -> Fsm.<State, String>builder(ctx, State.LOCKED)
                .when(State.LOCKED, m -> null).build());
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> kit.run("x"));
        assertTrue(e.getMessage().contains("returned no transition"), e.getMessage());
    }
}
