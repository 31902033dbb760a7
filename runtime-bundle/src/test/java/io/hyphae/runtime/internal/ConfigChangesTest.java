package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyphae.api.ActorSystemConfig;
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
    }
}
