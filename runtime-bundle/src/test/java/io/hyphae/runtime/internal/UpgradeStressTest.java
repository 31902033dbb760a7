package io.hyphae.runtime.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.Upgradable;
import io.hyphae.api.Upgrade;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Four senders keep telling one actor while its code is replaced 100 times between two
 * versions that carry their counts across: every message is handled exactly once, by old or
 * new code, in per-sender order, and the ref taken before the first upgrade still works.
 */
class UpgradeStressTest extends SystemTestBase {

    private static final int SENDERS = 4;
    private static final int PER_SENDER = 250_000;
    private static final int UPGRADES = 100;

    /** State that both versions understand: JDK types only. */
    static class Tally implements Actor<Object>, Upgradable {
        final String version;
        long[] next = new long[SENDERS];
        long count;
        long outOfOrder;

        Tally(String version) {
            this.version = version;
        }

        @Override
        @SuppressWarnings("unchecked")
        public void receive(Object m) {
            if (m instanceof Long l) {
                int sender = (int) (l >>> 32);
                long seq = l & 0xffffffffL;
                if (seq != next[sender]) {
                    outOfOrder++;
                }
                next[sender] = seq + 1;
                count++;
            } else if (m instanceof CompletableFuture<?> f) {
                ((CompletableFuture<long[]>) f).complete(new long[] {count, outOfOrder});
            }
        }

        @Override
        public Object exportState() {
            long[] s = Arrays.copyOf(next, SENDERS + 2);
            s[SENDERS] = count;
            s[SENDERS + 1] = outOfOrder;
            return s;
        }

        @Override
        public void importState(Object state, String from, String to) {
            long[] s = (long[]) state;
            next = Arrays.copyOf(s, SENDERS);
            count = s[SENDERS];
            outOfOrder = s[SENDERS + 1];
        }
    }

    @Test
    void everyMessageOnceInOrderAcrossAHundredUpgrades() throws Exception {
        ActorFactory<Object> v1 = ctx -> new Tally("v1");
        ActorFactory<Object> v2 = ctx -> new Tally("v2");
        ActorRef<Object> ref = system.spawn(v1, "tally");
        CountDownLatch go = new CountDownLatch(1);
        List<Thread> senders = new ArrayList<>();
        AtomicLong sent = new AtomicLong();
        for (int s = 0; s < SENDERS; s++) {
            long base = (long) s << 32;
            Thread t = new Thread(() -> {
                try {
                    go.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (long i = 0; i < PER_SENDER; i++) {
                    ref.tell(base | i);
                    sent.incrementAndGet();
                }
            }, "sender-" + s);
            t.start();
            senders.add(t);
        }
        go.countDown();
        List<Upgrade> done = new ArrayList<>();
        long total = (long) SENDERS * PER_SENDER;
        for (int u = 0; u < UPGRADES; u++) {
            // Spread the upgrades over the whole send: the next one waits for its share.
            while (sent.get() < u * total / UPGRADES) {
                Thread.onSpinWait();
            }
            boolean toV2 = u % 2 == 0;
            done.add(system.upgrade(ref, toV2 ? v2 : v1, toV2 ? "v2" : "v1").toCompletableFuture()
                    .get(10, TimeUnit.SECONDS));
        }
        for (Thread t : senders) {
            t.join();
        }
        assertEquals((long) SENDERS * PER_SENDER, sent.get());
        CompletableFuture<long[]> result = new CompletableFuture<>();
        ref.tell(result);
        long[] r = result.get(30, TimeUnit.SECONDS);
        assertEquals(sent.get(), r[0], "each message handled exactly once");
        assertEquals(0, r[1], "per-sender order kept across upgrades");
        assertEquals(UPGRADES, done.size());
        for (int u = 0; u < UPGRADES; u++) {
            String expected = u % 2 == 0 ? "v2" : "v1";
            assertEquals(expected, done.get(u).toVersion());
            assertEquals(u == 0 ? "initial" : (u % 2 == 0 ? "v1" : "v2"), done.get(u).fromVersion());
        }
        assertSame(ref, system.find("tally").orElseThrow(), "the ref from before the first upgrade");
        long withQueue = done.stream().filter(d -> d.queued() > 0).count();
        assertTrue(withQueue > 0, "some upgrades found messages waiting: " + withQueue);
        assertEquals(0, deadLetters.size(), "no dead letter: " + deadLetters);
    }
}
