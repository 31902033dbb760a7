package io.hyphae.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;
import org.junit.platform.launcher.listeners.TestExecutionSummary;

/** The mailbox TCK fails a mailbox that loses messages, and skips (not passes) what it cannot make. */
class ContractCatchesBrokenPluginsTest {

    @Test
    void aLossyMailboxFailsTheOrderAndConcurrencyTests() {
        TestExecutionSummary summary = run(LossyMailboxSuite.class);
        Set<String> failed = new TreeSet<>();
        summary.getFailures().forEach(f -> failed.add(f.getTestIdentifier().getDisplayName()));
        assertTrue(failed.contains("pollsInOfferOrder()"), "failed: " + failed);
        assertTrue(failed.contains("concurrentProducersLoseNothingAndKeepPerProducerOrder()"), "failed: " + failed);
        assertTrue(failed.contains("boundedQueueWrapsAroundManyTimes()"), "failed: " + failed);
        // It claims neither CONCURRENT_POLL (one test) nor ORDERED (three), so those are
        // skipped rather than passed.
        assertEquals(4, summary.getTestsAbortedCount(), "skipped for a missing capability");
        assertTrue(summary.getTestsSucceededCount() > 0, "the tests it does not break still pass");
    }

    private static TestExecutionSummary run(Class<?> suite) {
        LauncherDiscoveryRequest request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(suite)).build();
        Launcher launcher = LauncherFactory.create();
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        launcher.execute(request, listener);
        return listener.getSummary();
    }
}
