package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorNotFoundException;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Upgradable;
import io.hyphae.api.Upgrade;
import io.hyphae.api.UpgradeFailedException;
import io.hyphae.runtime.internal.shell.HyphaeShell;
import io.hyphae.runtime.testsupport.Await;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Code upgrades in place through the API: state, ref, mailbox, children kept; bad input typed. */
class UpgradeTest extends SystemTestBase {

    /** Counts "tick"s; answers a future with "VERSION:COUNT:CHILDREN"; spawns a child on "child". */
    static class Counter implements Actor<Object>, Upgradable {
        private final ActorContext<Object> ctx;
        private final String version;
        private long count;

        Counter(ActorContext<Object> ctx, String version) {
            this.ctx = ctx;
            this.version = version;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void receive(Object m) {
            if (m instanceof CompletableFuture<?> f) {
                ((CompletableFuture<String>) f).complete(version + ":" + count + ":" + ctx.children().size());
            } else if ("child".equals(m)) {
                ctx.spawn(c -> x -> { }, "kid");
            } else {
                count++;
            }
        }

        @Override
        public Object exportState() {
            return count;
        }

        @Override
        public void importState(Object state, String fromVersion, String toVersion) {
            count = state == null ? 0 : (Long) state;
        }
    }

    private static ActorFactory<Object> version(String v) {
        return ctx -> new Counter(ctx, v);
    }

    private static String ask(ActorRef<Object> ref) throws Exception {
        CompletableFuture<String> f = new CompletableFuture<>();
        ref.tell(f);
        return f.get(5, TimeUnit.SECONDS);
    }

    private static <T> T get(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(5, TimeUnit.SECONDS);
    }

    @Test
    void theStateRefQueuedMessagesAndChildrenSurviveAnUpgrade() throws Exception {
        ActorRef<Object> ref = system.spawn(version("v1"), "counter");
        ref.tell("child");
        for (int i = 0; i < 1000; i++) {
            ref.tell("tick");
        }
        Upgrade u = get(system.upgrade(ref, version("v2"), "v2"));
        assertEquals("counter", u.path());
        assertEquals("initial", u.fromVersion());
        assertEquals("v2", u.toVersion());
        assertTrue(u.queued() >= 0 && !u.pause().isNegative(), u.toString());
        for (int i = 0; i < 1000; i++) {
            ref.tell("tick");
        }
        assertEquals("v2:2000:1", ask(ref), "every tick counted once, by old or new code; the child kept");
        assertSame(ref, system.find("counter").orElseThrow());
        assertEquals("v2", get(system.upgrade(ref, version("v3"), "v3")).fromVersion());
    }

    @Test
    void upgradesOfOneActorApplyInTheOrderAsked() throws Exception {
        ActorRef<Object> ref = system.spawnAnonymous(version("v1"));
        CompletableFuture<Upgrade> a = system.upgrade(ref, version("a"), "a").toCompletableFuture();
        CompletableFuture<Upgrade> b = system.upgrade(ref, version("b"), "b").toCompletableFuture();
        assertEquals("initial->a", get(a).fromVersion() + "->" + get(a).toVersion());
        assertEquals("a->b", get(b).fromVersion() + "->" + get(b).toVersion());
        assertEquals("b:0:0", ask(ref));
    }

    @Test
    void newCodeThatThrowsFailsTheUpgradeAndTheParentRestartsFromTheNewFactory() throws Exception {
        ActorRef<Object> ref = system.spawn(version("v1"), "fragile");
        for (int i = 0; i < 5; i++) {
            ref.tell("tick");
        }
        AtomicInteger made = new AtomicInteger();
        ActorFactory<Object> flaky = ctx -> {
            if (made.incrementAndGet() == 1) {
                throw new IllegalStateException("not today");
            }
            return new Counter(ctx, "v2");
        };
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(system.upgrade(ref, flaky, "v2")));
        assertInstanceOf(UpgradeFailedException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains("from 'initial' to 'v2' failed"), e.getCause().getMessage());
        // The default decision restarts it, from the new factory, with fresh state (the ticks
        // still queued when the upgrade overtook them are counted by the new code).
        Await.until("restarted with the new code", () -> {
            try {
                return ask(ref).startsWith("v2:");
            } catch (Exception x) {
                return false;
            }
        });
        assertEquals(2, made.get());
    }

    @Test
    void aMigrationThatThrowsIsAFailureLikeAnyOther() throws Exception {
        ActorRef<Object> ref = system.spawnAnonymous(version("v1"));
        ref.tell("tick");
        ActorFactory<Object> refusing = ctx -> new Counter(ctx, "v2") {
            @Override
            public void importState(Object state, String from, String to) {
                throw new IllegalArgumentException("cannot read state of " + from);
            }
        };
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(system.upgrade(ref, refusing, "v2")));
        assertInstanceOf(IllegalArgumentException.class, e.getCause().getCause());
        Await.until("restarted fresh with the new code", () -> {
            try {
                return ask(ref).startsWith("v2:");
            } catch (Exception x) {
                return false;
            }
        });
        assertEquals("v2", get(system.upgrade(ref, version("v3"), "v3")).fromVersion(), "the restart kept the new version");
    }

    @Test
    void theShellListsUpgradesWithTheirOutcome() throws Exception {
        ActorRef<Object> ref = system.spawn(version("v1"), "listed");
        get(system.upgrade(ref, version("v2"), "v2"));
        ActorFactory<Object> broken = ctx -> {
            throw new IllegalStateException("broken build");
        };
        assertThrows(ExecutionException.class, () -> get(system.upgrade(ref, broken, "v3")));
        String table = new HyphaeShell((RuntimeAdmin) system).upgrades();
        assertTrue(table.startsWith("TIME"), table);
        assertTrue(table.matches("(?s).*listed +initial +v2 +\\d+ +\\d+ µs +upgraded\n.*"), table);
        assertTrue(table.matches("(?s).*listed +v2 +v3 +\\d+ +\\d+ µs +failed: java.lang.IllegalStateException: broken.*"),
                table);
        assertTrue(table.endsWith("upgrades since start: 2\n"), table);
    }

    @Test
    void badInputGetsTypedErrors() throws Exception {
        ActorRef<Object> ref = system.spawnAnonymous(version("v1"));
        assertThrows(NullPointerException.class, () -> system.upgrade(ref, null, "v2"));
        assertThrows(NullPointerException.class, () -> system.upgrade(ref, version("v2"), null));
        assertThrows(IllegalArgumentException.class, () -> system.upgrade(ref, version("v2"), " "));
        assertThrows(NullPointerException.class, () -> system.upgrade(null, version("v2"), "v2"));
        try (ActorSystem other = ActorSystem.builder().name("other").dispatcherThreads(1).build()) {
            ActorRef<Object> foreign = other.spawnAnonymous(version("v1"));
            assertThrows(IllegalArgumentException.class, () -> system.upgrade(foreign, version("v2"), "v2"));
        }
        ActorRef<Object> gone = system.spawnAnonymous(version("v1"));
        system.stop(gone);
        get(system.whenTerminated(gone));
        ExecutionException e = assertThrows(ExecutionException.class, () -> get(system.upgrade(gone, version("v2"),
                "v2")));
        assertInstanceOf(ActorNotFoundException.class, e.getCause());
        assertEquals("v1:0:0", ask(ref), "the refused upgrades changed nothing");
    }
}
