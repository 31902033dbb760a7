package io.hyphae.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The extension fails tests for what they left behind, and only for that. */
class HyphaeExtensionTest {

    private static Map<String, String> failures(Class<?> fixture) {
        return failures(fixture, false);
    }

    private static Map<String, String> failures(Class<?> fixture, boolean parallel) {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(fixture))
                .configurationParameter("junit.jupiter.execution.parallel.enabled", String.valueOf(parallel))
                .configurationParameter("junit.jupiter.execution.parallel.mode.default", "concurrent")
                .configurationParameter("junit.jupiter.execution.parallel.config.strategy", "fixed")
                .configurationParameter("junit.jupiter.execution.parallel.config.fixed.parallelism", "6")
                .build(), listener);
        TestExecutionSummary summary = listener.getSummary();
        Map<String, String> out = new TreeMap<>();
        summary.getFailures().forEach(f -> out.put(f.getTestIdentifier().getDisplayName(),
                String.valueOf(f.getException().getMessage())));
        assertEquals(0, summary.getContainersFailedCount(), "container failures: " + out);
        return out;
    }

    @Test
    void perMethodKitsFailOnUnexpectedDeadLettersFailuresAndLeaks() {
        Map<String, String> failed = failures(ExtensionFixtures.PerMethod.class);
        assertEquals(3, failed.size(), failed.toString());
        assertTrue(failed.get("leavesADeadLetter(ActorTestKit)").contains("1 unexpected dead letter(s)"),
                failed.toString());
        assertTrue(failed.get("leavesADeadLetter(ActorTestKit)").contains("into the void"), failed.toString());
        assertTrue(failed.get("leavesAFailure(ActorTestKit)").contains("1 unexpected actor failure(s)"),
                failed.toString());
        assertTrue(failed.get("leavesAFailure(ActorTestKit)").contains("boom on x"), failed.toString());
        assertTrue(failed.get("leavesAnActorAlive(ActorTestKit)").contains("still alive: [testkit"),
                failed.toString());
        assertTrue(failed.get("leavesAnActorAlive(ActorTestKit)").contains("/forgotten]"), failed.toString());
    }

    @Test
    void perMethodKitsRunningConcurrentlyEachReportOnlyTheirOwnTest() {
        for (int round = 0; round < 5; round++) {
            Map<String, String> failed = failures(ExtensionFixtures.PerMethod.class, true);
            assertEquals(3, failed.size(), failed.toString());
            assertTrue(failed.get("leavesADeadLetter(ActorTestKit)").contains("1 unexpected dead letter(s)"),
                    failed.toString());
            assertTrue(failed.get("leavesAFailure(ActorTestKit)").contains("1 unexpected actor failure(s)"),
                    failed.toString());
            assertTrue(failed.get("leavesAnActorAlive(ActorTestKit)").contains("1 actor(s) still alive"),
                    failed.toString());
        }
    }

    @Test
    void aClassWideKitChecksEachTestForWhatItLeftAlive() {
        Map<String, String> failed = failures(ExtensionFixtures.PerClass.class);
        assertEquals(1, failed.size(), failed.toString());
        assertTrue(failed.get("leavesAHelperAlive()").contains("the test left actor(s) alive"), failed.toString());
        assertTrue(failed.get("leavesAHelperAlive()").contains("helper"), failed.toString());
    }
}
