package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.InvalidConfigurationException;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** An actor with an ordered mailbox: urgent work first, equal work in arrival order, the runtime's messages first. */
class OrderedMailboxTest extends SystemTestBase {

    record Job(int priority, int id) {
    }

    @Test
    void theActorTakesTheMostUrgentFirstAndTimersAreNotCompared() throws Exception {
        Queue<Object> seen = new ConcurrentLinkedQueue<>();
        CountDownLatch entered = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Comparator<Object> byPriority = Comparator.comparingInt(m -> ((Job) m).priority());
        ActorRef<Object> ref = system.spawn((ActorContext<Object> ctx) -> m -> {
            if (m instanceof String s && s.equals("hold")) {
                entered.countDown();
                release.await();
            } else if (m instanceof String s && s.equals("arm")) {
                ctx.timers().startSingleTimer("t", new Job(99, -1), Duration.ZERO);
            } else {
                seen.add(m);
            }
        }, SpawnOptions.named("ordered").withMailbox(MailboxSpec.ordered(Comparator.comparingInt(
                (Object m) -> m instanceof Job j ? j.priority() : -1))));
        ref.tell("hold");
        assertTrue(entered.await(5, TimeUnit.SECONDS));
        List<Job> sent = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            Job j = new Job((i * 7) % 5, i);
            sent.add(j);
            ref.tell(j);
        }
        release.countDown();
        Await.until("all handled", () -> seen.size() == 300);
        List<Job> expected = new ArrayList<>(sent);
        expected.sort(Comparator.comparingInt(Job::priority)); // stable: equal priorities keep their order
        assertEquals(expected, new ArrayList<>(seen));
        assertTrue(byPriority.compare(expected.get(0), expected.get(299)) < 0);

        // A timer's message travels in the runtime's envelope, which is not compared: it
        // goes before queued jobs although its own priority (99) is the worst.
        seen.clear();
        CountDownLatch entered2 = new CountDownLatch(1);
        CountDownLatch release2 = new CountDownLatch(1);
        ActorRef<Object> slow = system.spawn((ActorContext<Object> ctx) -> m -> {
            if (m instanceof String s && s.equals("hold")) {
                entered2.countDown();
                release2.await();
            } else if (m instanceof String s && s.equals("arm")) {
                ctx.timers().startSingleTimer("t", new Job(99, -1), Duration.ZERO);
            } else {
                Thread.sleep(2);
                seen.add(m);
            }
        }, SpawnOptions.named("slow").withDispatcher("blocking").withMailbox(MailboxSpec.ordered(
                Comparator.comparingInt((Object m) -> m instanceof Job j ? j.priority()
                        : m instanceof String ? -1 : 1000)))); // anything else would go last
        slow.tell("hold");
        assertTrue(entered2.await(5, TimeUnit.SECONDS));
        for (int i = 0; i < 50; i++) {
            slow.tell(new Job(0, i));
        }
        slow.tell("arm"); // not a Job: -1, taken before the jobs
        release2.countDown();
        Await.until("all handled", () -> seen.size() == 51);
        int at = new ArrayList<>(seen).indexOf(new Job(99, -1));
        assertTrue(at >= 0 && at < 25, "the timer's message was handled at " + at + " of 51, not last");
    }

    @Test
    void badSpecsAreTypedErrors() {
        assertThrows(NullPointerException.class, () -> MailboxSpec.ordered(null));
        assertThrows(InvalidConfigurationException.class, () -> MailboxSpec.bounded(10, Overflow.REJECT)
                .withOrder(Comparator.comparingInt(Object::hashCode)));
        assertThrows(RuntimeException.class, () -> system.spawn((ActorContext<Object> ctx) -> m -> { },
                SpawnOptions.defaults().withMailboxFactory("control-aware")
                        .withMailbox(MailboxSpec.ordered(Comparator.comparingInt(Object::hashCode)))),
                "the control-aware factory does not order");
    }
}
