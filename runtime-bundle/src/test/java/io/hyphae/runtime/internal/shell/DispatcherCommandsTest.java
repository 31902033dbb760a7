package io.hyphae.runtime.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorSystemConfig;
import io.hyphae.runtime.internal.RuntimeAdmin;
import java.util.List;
import org.junit.jupiter.api.Test;

/** hyphae:dispatchers and hyphae:dispatcher, on a system of their own. */
class DispatcherCommandsTest {

    private static String row(String table, String name) {
        return table.lines().filter(l -> l.startsWith(name + " ")).findFirst()
                .orElseThrow(() -> new AssertionError("no row for " + name + " in\n" + table));
    }

    @Test
    void listsTheDispatchersAndSwitchesTheDefault() {
        RuntimeAdmin system = RuntimeAdmin.start(ActorSystemConfig.defaults().withName("shell-dispatchers")
                .withDispatcherThreads(2), List.of());
        try {
            HyphaeShell shell = new HyphaeShell(system);
            String table = shell.dispatchers();
            assertTrue(table.startsWith("DISPATCHER"), table);
            assertTrue(row(table, "affinity").matches("affinity +\\* +2 +\\d+ .*"), table);
            assertTrue(row(table, "work-stealing").matches("work-stealing +- +0 .*"), "not started yet:\n" + table);
            assertTrue(row(table, "blocking").matches("blocking +- +0 .*"), table);

            assertEquals("default dispatcher is now 'work-stealing'; actors move at their next turn\n",
                    shell.dispatcher(" work-stealing "));
            table = shell.dispatchers();
            assertTrue(row(table, "work-stealing").matches("work-stealing +\\* +2 .*"), table);
            assertTrue(row(table, "affinity").matches("affinity +2 .*"), "no longer the default:\n" + table);

            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> shell.dispatcher("nope"));
            assertTrue(e.getMessage().contains("nope"), e.getMessage());
        } finally {
            system.close();
        }
    }
}
