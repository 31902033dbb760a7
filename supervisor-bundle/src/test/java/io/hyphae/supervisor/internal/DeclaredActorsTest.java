package io.hyphae.supervisor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.Upgradable;
import io.hyphae.api.supervision.DeclaredActor;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.SupervisorSpec;
import io.hyphae.api.supervision.SupervisorEvent.Kind;
import io.hyphae.runtime.testsupport.Await;
import io.hyphae.testkit.LogCapture;
import java.lang.reflect.Field;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

/** The declared-actor component without a container: its references set by hand, as SCR would. */
class DeclaredActorsTest extends SupervisorTestBase {

    private DeclaredActors declared;

    @BeforeEach
    void activate() throws ReflectiveOperationException {
        declared = new DeclaredActors();
        set("system", system);
        set("supervision", supervision);
        declared.activate(Map.of());
    }

    private void set(String field, Object value) throws ReflectiveOperationException {
        Field f = DeclaredActors.class.getDeclaredField(field);
        f.setAccessible(true);
        f.set(declared, value);
    }

    private static final AtomicLong SERVICE_IDS = new AtomicLong();

    /** A declared actor's service properties, with a service id of its own as the framework gives. */
    private static Map<String, Object> props(String name, String group, Object... more) {
        Map<String, Object> p = new HashMap<>();
        p.put("service.id", SERVICE_IDS.incrementAndGet());
        p.put(DeclaredActor.NAME, name);
        p.put(DeclaredActor.SUPERVISOR, group);
        for (int i = 0; i < more.length; i += 2) {
            p.put((String) more[i], more[i + 1]);
        }
        return p;
    }

    @Test
    void aGroupGoesAwayWithItsLastDeclaredActor() {
        ActorFactory<Object> a = worker("a");
        ActorFactory<Object> b = worker("b");
        Map<String, Object> pa = props("a", "grp");
        Map<String, Object> pb = props("b", "grp");
        declared.addActor(a, pa);
        declared.addActor(b, pb);
        assertTrue(system.find("grp/a").isPresent() && system.find("grp/b").isPresent());
        declared.removeActor(a, pa);
        assertTrue(system.find("grp/a").isPresent(), "kept for the grace period, in case it is declared again");
        passTimer(Duration.ofMillis(2000));
        Await.until("a stopped after the grace period", () -> system.find("grp/a").isEmpty());
        assertTrue(system.find("grp").isPresent(), "b still runs under it");
        declared.removeActor(b, pb);
        passTimer(Duration.ofMillis(2000));
        Await.until("the empty supervisor to stop", () -> system.find("grp").isEmpty());
    }

    /** Counts ticks and carries the count across an upgrade; answers a future with VERSION:COUNT. */
    static final class Tally implements Actor<Object>, Upgradable {
        private final String version;
        private long count;

        Tally(String version) {
            this.version = version;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void receive(Object m) {
            if (m instanceof CompletableFuture<?> f) {
                ((CompletableFuture<String>) f).complete(version + ":" + count);
            } else {
                count++;
            }
        }

        @Override
        public Object exportState() {
            return count;
        }

        @Override
        public void importState(Object state, String from, String to) {
            count = (Long) state;
        }
    }

    /** One factory object registered under two names, as a bundle may do: two actors, each upgraded. */
    @Test
    void oneFactoryDeclaringTwoActorsUpgradesBoth() throws Exception {
        ActorFactory<Object> v1 = ctx -> new Tally("v1");
        ActorFactory<Object> v2 = ctx -> new Tally("v2");
        Map<String, Object> x1 = props("x", "pair");
        Map<String, Object> y1 = props("y", "pair");
        declared.addActor(v1, x1);
        declared.addActor(v1, y1);
        ActorRef<Object> x = system.<Object>find("pair/x").orElseThrow();
        ActorRef<Object> y = system.<Object>find("pair/y").orElseThrow();
        x.tell("tick");
        y.tell("tick");
        declared.removeActor(v1, x1);
        declared.removeActor(v1, y1);
        declared.addActor(v2, props("x", "pair"));
        declared.addActor(v2, props("y", "pair"));
        for (ActorRef<Object> ref : List.of(x, y)) {
            CompletableFuture<String> answer = new CompletableFuture<>();
            ref.tell(answer);
            assertEquals("v2:1", answer.get(5, TimeUnit.SECONDS), ref.path());
        }
        assertEquals(2, count(Kind.CHILD_STARTED), "upgraded, not started again: " + events);
        assertEquals(List.of("pair/x", "pair/y"), declared.declaredBy(-1), "both still declared");
    }

    @Test
    void declaredAgainWithinTheGracePeriodTheActorIsUpgradedInPlace() throws Exception {
        ActorFactory<Object> v1 = ctx -> new Tally("v1");
        ActorFactory<Object> v2 = ctx -> new Tally("v2");
        Map<String, Object> p1 = props("tally", "app", DeclaredActor.VERSION, "1.0");
        declared.addActor(v1, p1);
        ActorRef<Object> ref = system.<Object>find("app/tally").orElseThrow();
        for (int i = 0; i < 100; i++) {
            ref.tell("tick");
        }
        // What a bundle update does: the old revision's service goes, the new one's comes.
        declared.removeActor(v1, p1);
        for (int i = 0; i < 100; i++) {
            ref.tell("tick");
        }
        declared.addActor(v2, props("tally", "app", DeclaredActor.VERSION, "2.0"));
        for (int i = 0; i < 100; i++) {
            ref.tell("tick");
        }
        CompletableFuture<String> answer = new CompletableFuture<>();
        ref.tell(answer);
        assertEquals("v2:300", answer.get(5, TimeUnit.SECONDS));
        assertSame(ref, system.find("app/tally").orElseThrow(), "the same actor, same ref");
        assertEquals(0, count(Kind.CHILD_STARTED) - 1, "no second start: " + events);
        clock.advance(Duration.ofSeconds(10)); // the old grace timer finds nothing to stop
        Await.until("still running", () -> system.find("app/tally").isPresent());
    }

    @Test
    void childrenStartInArrivalOrderAndStopInReverseWhenTheGroupStops() {
        declared.addActor(worker("a"), props("a", "ordered"));
        declared.addActor(worker("b"), props("b", "ordered"));
        declared.addActor(worker("c"), props("c", "ordered"));
        assertEquals(List.of("start a", "start b", "start c"), hooks);
        hooks.clear();
        declared.deactivate();
        assertEquals(List.of("stop c", "stop b", "stop a"), hooks);
        assertTrue(system.find("ordered").isEmpty());
    }

    @Test
    void whenTheWholeGroupStartsItsChildrenStartByTheirOrder() {
        declared.addActor(worker("c"), props("c", "ordered", DeclaredActor.ORDER, "3"));
        declared.addActor(worker("a"), props("a", "ordered", DeclaredActor.ORDER, 1));
        declared.addActor(worker("b"), props("b", "ordered", DeclaredActor.ORDER, "2"));
        assertEquals(List.of("start c", "start a", "start b"), hooks, "while the group runs: on arrival");
        hooks.clear();
        declared.addSpec(SupervisorSpec.of(Strategy.ONE_FOR_ONE), Map.of(DeclaredActor.GROUP_SPEC, "ordered"));
        assertEquals(List.of("stop b", "stop a", "stop c", "start a", "start b", "start c"), hooks,
                "stopped in reverse of how they started, started again by order");
    }

    @Test
    void failureLoggingCanBeTurnedOffPerDeclaredActor() {
        try (LogCapture logs = LogCapture.of(system, Level.DEBUG)) {
            declared.addActor(worker("quiet"), props("quiet", "grp", DeclaredActor.FAILURE_LOGGING, "false"));
            declared.addActor(worker("loud"), props("loud", "grp"));
            system.<Object>find("grp/quiet").orElseThrow().tell("boom");
            Await.until("quiet restarted", () -> count(Kind.CHILD_RESTARTED) == 1);
            logs.expectLog(Level.DEBUG, "actor grp/quiet failed");
            logs.expectNoLog(Level.ERROR, "actor grp/quiet failed");
            system.<Object>find("grp/loud").orElseThrow().tell("boom");
            logs.expectLog(Level.ERROR, "actor grp/loud failed");
        }
    }

    @Test
    void anApplicationsSpecGovernsItsGroupAndAFailedGroupStartsAgainAfterADelay() {
        SupervisorSpec strict = SupervisorSpec.of(Strategy.ONE_FOR_ONE).withIntensity(0, Duration.ofMinutes(1));
        declared.addActor(worker("w"), props("w", "strict"));
        ActorRef<Object> first = system.<Object>find("strict/w").orElseThrow();
        declared.addSpec(strict, Map.of(DeclaredActor.GROUP_SPEC, "strict")); // restarts the group with it
        Await.until("the group back under its own spec", () -> system.find("strict/w").isPresent()
                && system.find("strict/w").get() != first);
        system.<Object>find("strict/w").orElseThrow().tell("boom"); // intensity 0: the group gives up
        Await.until("the group down", () -> system.find("strict").isEmpty());
        assertEquals(1, count(Kind.INTENSITY_EXCEEDED));
        passTimer(Duration.ofMillis(DeclaredActors.GROUP_RESTART_MIN_MS));
        Await.until("the group started again with its actor", () -> system.find("strict/w").isPresent());

        system.<Object>find("strict/w").orElseThrow().tell("boom"); // fails again at once: the delay doubles
        Await.until("the group down again", () -> system.find("strict").isEmpty());
        passTimer(Duration.ofMillis(2 * DeclaredActors.GROUP_RESTART_MIN_MS));
        Await.until("and back", () -> system.find("strict/w").isPresent());

        declared.removeSpec(strict, Map.of(DeclaredActor.GROUP_SPEC, "strict")); // back to the configured 3 in 5 s
        ActorRef<Object> configured = system.<Object>find("strict/w").orElseThrow();
        configured.tell("boom");
        Await.until("restarted in place", () -> count(Kind.CHILD_RESTARTED) == 1);
        assertTrue(system.find("strict").isPresent());
    }

    @Test
    void aBadPropertyRejectsTheActorAndNothingElse() {
        declared.addActor(worker("bad"), props("bad", "grp", DeclaredActor.FAILURE_LOGGING, "sometimes"));
        declared.addActor(worker("good"), props("good", "grp"));
        ActorRef<Object> good = system.<Object>find("grp/good").orElseThrow();
        assertTrue(system.find("grp/bad").isEmpty(), "rejected with a logged error");
        assertEquals("grp/good", good.path());
    }
}
