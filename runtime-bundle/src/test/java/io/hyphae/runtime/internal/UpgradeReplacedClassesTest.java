package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.ActorRef;
import io.hyphae.api.DeadLetter;
import io.hyphae.api.broker.Published;
import io.hyphae.api.broker.TopicPattern;
import io.hyphae.runtime.internal.shell.HyphaeShell;
import io.hyphae.runtime.revision.Revisions;
import io.hyphae.runtime.testsupport.Await;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Messages whose class came from the code an upgrade replaced: two revisions of one package
 * in two class loaders, as a container loads two revisions of an updated bundle. Such a
 * message is converted by the new code's hook or dead-lettered with its own reason; it is
 * never handed to the new code as it is, and never lost.
 */
class UpgradeReplacedClassesTest extends SystemTestBase {

    private static final int QUEUED = 1_000;

    private final Queue<Object> seen = new ConcurrentLinkedQueue<>();

    /** Spawns revision {@code v1} held at a gate, queues pings of v1, upgrades to {@code v2}, opens the gate. */
    private ActorRef<Object> upgradedWithQueuedPings(Revisions v1, Revisions v2, boolean convert) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        ActorRef<Object> ref = system.spawn(v1.factory(false, seen, gate), "revisioned");
        for (int i = 0; i < QUEUED; i++) {
            ref.tell(v1.ping(i));
        }
        var upgrade = system.upgrade(ref, v2.factory(convert, seen, null), "v2").toCompletableFuture();
        gate.countDown();
        assertEquals(v2.factory(false, seen, null).getClass().getClassLoader(), v2);
        upgrade.get(5, TimeUnit.SECONDS);
        return ref;
    }

    /** The numbers of the pings dead-lettered as of replaced code, in order. */
    private List<Integer> replacedDeadLetters() {
        List<Integer> out = new ArrayList<>();
        for (DeadLetter d : deadLetters) {
            if (d.reason() == DeadLetter.Reason.REPLACED_CODE) {
                Object m = d.message() instanceof Published p ? p.message() : d.message();
                try {
                    out.add((Integer) m.getClass().getMethod("n").invoke(m));
                } catch (ReflectiveOperationException e) {
                    throw new AssertionError("not a ping: " + m, e);
                }
            }
        }
        return out;
    }

    @Test
    void queuedMessagesOfTheReplacedRevisionAreDeadLetteredWithTheirOwnReasonWithoutAHook() throws Exception {
        Revisions v1 = Revisions.load();
        Revisions v2 = Revisions.load();
        assertNotSame(v1.ping(0).getClass(), v2.ping(0).getClass(), "two revisions, two classes");
        ActorRef<Object> ref = upgradedWithQueuedPings(v1, v2, false);
        ref.tell(v2.ping(QUEUED));
        ref.tell(v1.ping(QUEUED + 1)); // sent by code still wired to the old revision
        Await.until("every ping handled or dead-lettered", () -> seen.contains(QUEUED)
                && replacedDeadLetters().contains(QUEUED + 1));
        List<Object> handled = new ArrayList<>(seen);
        List<Integer> dead = replacedDeadLetters();
        for (Object o : handled) {
            assertTrue(o instanceof Integer, "nothing of a replaced class reached the new code: " + o);
        }
        assertTrue(dead.size() > 1, "the upgrade overtook queued pings: " + dead.size());
        // The old code handled a prefix, the new code dead-lettered the rest: each ping exactly once, in order.
        List<Object> all = new ArrayList<>(handled.subList(0, handled.size() - 1));
        all.addAll(dead.subList(0, dead.size() - 1));
        for (int i = 0; i < QUEUED; i++) {
            assertEquals(i, all.get(i), "ping " + i);
        }
        assertEquals(QUEUED, all.size());
        assertEquals(dead.size(), ((HyphaeActorSystem) system).deadLettersByReason()
                .get(DeadLetter.Reason.REPLACED_CODE).longValue(), "counted under their own reason");
        String shell = new HyphaeShell((RuntimeAdmin) system).deadletters();
        assertTrue(shell.contains("REPLACED_CODE " + dead.size()), shell);
    }

    @Test
    void theNewCodesHookConvertsMessagesOfTheReplacedRevision() throws Exception {
        Revisions v1 = Revisions.load();
        Revisions v2 = Revisions.load();
        ActorRef<Object> ref = upgradedWithQueuedPings(v1, v2, true);
        ref.tell(v1.ping(QUEUED));
        ref.tell(v2.ping(QUEUED + 1));
        Await.until("every ping handled", () -> seen.contains(QUEUED + 1));
        List<Object> handled = new ArrayList<>(seen);
        assertEquals(QUEUED + 2, handled.size(), "nothing dead-lettered: " + replacedDeadLetters());
        for (int i = 0; i < handled.size(); i++) {
            assertEquals(i, handled.get(i), "ping " + i + ", by old code or converted for the new");
        }
    }

    @Test
    void aConversionThatThrowsDeadLettersTheMessageAndFailsTheActor() throws Exception {
        Revisions v1 = Revisions.load();
        Revisions v2 = Revisions.load();
        ActorRef<Object> ref = upgradedWithQueuedPings(v1, v2, true);
        ref.tell(v1.ping(-7));
        ref.tell(v2.ping(QUEUED));
        // Dead letters reach their subscriber actor asynchronously: wait for both.
        Await.until("the next ping handled after the restart, and the dead letter", () -> seen.contains(QUEUED)
                && !replacedDeadLetters().isEmpty());
        assertEquals(List.of(-7), replacedDeadLetters(), "the unconvertible ping went to dead letters");
        assertEquals(1, system.metrics(ref).orElseThrow().restarts(), "the failure restarted the actor");
    }

    @Test
    void aPublishedEnvelopeIsCheckedByItsPayload() throws Exception {
        Revisions v1 = Revisions.load();
        Revisions v2 = Revisions.load();
        ActorRef<Object> ref = upgradedWithQueuedPings(v1, v2, false);
        TopicPattern pattern = TopicPattern.parse("pings/+");
        ref.tell(new Published("pings/a", pattern, v1.ping(QUEUED)));
        ref.tell(new Published("pings/a", pattern, "a string"));
        ref.tell(v2.ping(QUEUED + 1));
        Await.until("the last ping handled, and the old ping's envelope dead-lettered",
                () -> seen.contains(QUEUED + 1) && replacedDeadLetters().contains(QUEUED));
        assertTrue(seen.contains("foreign:" + Published.class.getName()), "an envelope of a JDK type was handled");
    }

    @Test
    void anUpgradeWithinOneRevisionReplacesNoClasses() throws Exception {
        Revisions v1 = Revisions.load();
        ActorRef<Object> ref = upgradedWithQueuedPings(v1, v1, false);
        ref.tell(v1.ping(QUEUED));
        Await.until("every ping handled", () -> seen.contains(QUEUED));
        assertEquals(QUEUED + 1, seen.size());
        assertEquals(List.of(), replacedDeadLetters());
    }
}
