package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.shutdown.ShutdownPhase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A configuration change is logged once, naming each setting that changed. */
class ConfigChangesTest {

    @Test
    void namesEachChangedSettingAndNothingElse() {
        ActorSystemConfig a = ActorSystemConfig.defaults();
        assertEquals(List.of(), HyphaeActorSystem.changes(a, a));
        ActorSystemConfig b = a.withThroughput(a.throughput() + 1).withMailboxFactory("jctools");
        assertEquals(List.of("dispatcher.throughput: " + a.throughput() + " -> " + (a.throughput() + 1),
                "mailbox.factory: (best ranked) -> jctools"), HyphaeActorSystem.changes(a, b));
        ActorSystemConfig c = a.withShutdown(a.shutdown().withTimeout(ShutdownPhase.DRAIN, Duration.ofMillis(250))
                .withJvmHook(false));
        assertEquals(List.of("shutdown.drain.timeoutMillis: 5000 -> 250", "shutdown.jvmHook: true -> false"),
                HyphaeActorSystem.changes(a, c));
    }

    /** Shutdown settings apply to a running system: a later shutdown uses the new timeouts. */
    @Test
    void shutdownTimeoutsChangeLive() throws Exception {
        ActorSystemConfig a = ActorSystemConfig.defaults().withName("live-shutdown").withDispatcherThreads(1);
        RuntimeAdmin s = RuntimeAdmin.start(a, List.of());
        assertEquals(Duration.ofSeconds(5), s.coordinatedShutdown().timeout(ShutdownPhase.DRAIN));
        s.reconfigure(a.withShutdown(a.shutdown().withTimeout(ShutdownPhase.DRAIN, Duration.ofMillis(250))
                .withJvmHook(false)));
        assertEquals(Duration.ofMillis(250), s.coordinatedShutdown().timeout(ShutdownPhase.DRAIN));
        s.close();
    }
}
