package io.hyphae.supervisor.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.supervision.ChildInfo;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorEvent.Kind;
import io.hyphae.api.supervision.SupervisorSpec;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Random failures across many children while 10^6 messages flow. Checks: every message
 * is handled exactly once and in order per sender (restarts keep the mailbox), every
 * failure is one CHILD_FAILED event, every child ends up running, no thread is left.
 */
class FaultInjectionTest extends SupervisorTestBase {

    private static final int PRODUCERS = 4;
    private static final int MESSAGES = 1_000_000;
    /** About one message in this many makes its child fail. */
    private static final int FAILURE_ONE_IN = 500;

    @ParameterizedTest(name = "{0} with {1} children")
    @CsvSource({"ONE_FOR_ONE, 1000", "REST_FOR_ONE, 100", "ONE_FOR_ALL, 20"})
    void failuresUnderLoadLoseNothing(Strategy strategy, int childCount) throws Exception {
        AtomicLongArray lastSeq = new AtomicLongArray(childCount * PRODUCERS);
        AtomicLong handled = new AtomicLong();
        AtomicLong thrown = new AtomicLong();
        AtomicLong disorder = new AtomicLong();
        AtomicInteger instances = new AtomicInteger();

        SupervisorSpec spec = SupervisorSpec.of(strategy).withIntensity(Integer.MAX_VALUE, Duration.ofSeconds(1));
        for (int i = 0; i < childCount; i++) {
            int child = i;
            ActorFactory<long[]> factory = ctx -> {
                instances.incrementAndGet();
                return (Actor<long[]>) m -> {
                    // m = {producer, seq, fail?}
                    int slot = child * PRODUCERS + (int) m[0];
                    if (lastSeq.getAndSet(slot, m[1]) >= m[1]) {
                        disorder.incrementAndGet();
                    }
                    if (m[2] != 0) {
                        thrown.incrementAndGet();
                        throw new IllegalStateException("injected");
                    }
                    handled.incrementAndGet();
                };
            };
            spec = spec.withChild(ChildSpec.of("w" + i, factory));
        }
        Supervisor sup = supervision.start(system, "sup", spec);
        List<ChildInfo> infos = settled(sup);
        List<ActorRef<long[]>> refs = new ArrayList<>();
        for (ChildInfo c : infos) {
            @SuppressWarnings("unchecked")
            ActorRef<long[]> r = (ActorRef<long[]>) c.ref();
            refs.add(r);
        }
        long[] failuresSent = new long[PRODUCERS];
        List<Thread> producers = new ArrayList<>();
        for (int p = 0; p < PRODUCERS; p++) {
            int producer = p;
            Thread t = new Thread(() -> {
                SplittableRandom random = new SplittableRandom(producer);
                for (int seq = 1; seq <= MESSAGES / PRODUCERS; seq++) {
                    boolean fail = random.nextInt(FAILURE_ONE_IN) == 0;
                    if (fail) {
                        failuresSent[producer]++;
                    }
                    refs.get(random.nextInt(refs.size())).tell(new long[] {producer, seq, fail ? 1 : 0});
                }
            }, "producer-" + p);
            producers.add(t);
            t.start();
        }
        for (Thread t : producers) {
            t.join();
        }
        long failures = 0;
        for (long f : failuresSent) {
            failures += f;
        }
        long expectedFailures = failures;
        Await.progress("messages handled or failed", MESSAGES, Duration.ofSeconds(10),
                () -> handled.get() + thrown.get());
        List<ChildInfo> after = settled(sup);

        assertEquals(MESSAGES - expectedFailures, handled.get(), "no message lost or handled twice");
        assertEquals(expectedFailures, thrown.get());
        assertEquals(0, disorder.get(), "FIFO per sender kept across restarts");
        Await.until(Duration.ofSeconds(5), () -> "one CHILD_FAILED per failure",
                () -> count(Kind.CHILD_FAILED) == expectedFailures);
        assertEquals(childCount, after.size());
        assertTrue(after.stream().allMatch(c -> c.state() == ChildInfo.State.RUNNING), "none left half-restarted");
        for (int i = 0; i < childCount; i++) {
            assertEquals(refs.get(i), after.get(i).ref(), "restarts keep the ref");
        }
        if (strategy == Strategy.ONE_FOR_ONE) {
            assertEquals(expectedFailures, count(Kind.CHILD_RESTARTED));
            assertEquals(childCount + expectedFailures, instances.get(), "a fresh instance per restart");
        } else {
            assertEquals(count(Kind.CHILD_RESTARTED) + childCount, instances.get());
        }
        assertTrue(expectedFailures > MESSAGES / FAILURE_ONE_IN / 2, "enough failures injected: " + expectedFailures);

        String prefix = "hyphae-" + system.name() + "-";
        system.close();
        Await.until("no runtime thread left", () -> Thread.getAllStackTraces().keySet().stream()
                .noneMatch(t -> t.getName().startsWith(prefix) && t.isAlive()));
    }
}
