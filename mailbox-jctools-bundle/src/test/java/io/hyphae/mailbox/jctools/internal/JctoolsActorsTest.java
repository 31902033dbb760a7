package io.hyphae.mailbox.jctools.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.CopyOnWriteArrayList;
import io.hyphae.api.mailbox.ControlMessage;
import io.hyphae.api.SpawnOptions;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import io.hyphae.runtime.testsupport.Await;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class JctoolsActorsTest {

    /** Counts messages and checks that each sender's sequence arrives in order, once. */
    static final class Checker implements Actor<long[]> {
        private final long[] next;
        private final AtomicLong handled;
        private final AtomicReference<String> error;

        Checker(int senders, AtomicLong handled, AtomicReference<String> error) {
            this.next = new long[senders];
            this.handled = handled;
            this.error = error;
        }

        @Override
        public void receive(long[] m) {
            int sender = (int) m[0];
            if (m[1] != next[sender]) {
                error.compareAndSet(null, "sender " + sender + ": expected " + next[sender] + " got " + m[1]);
            }
            next[sender] = m[1] + 1;
            handled.incrementAndGet();
        }
    }

    @Test
    void isChosenFromTheModulePathAboveTheBuiltInFactory() {
        try (ActorSystem system = ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName("chosen").withDispatcherThreads(2)).build()) {
            ActorRef<Object> ref = system.spawnAnonymous(ctx -> m -> { });
            assertEquals(JctoolsMailboxFactory.NAME, system.metrics(ref).orElseThrow().mailbox());
        }
    }

    record Pause() implements ControlMessage {
    }

    /** An ordered mailbox on JCTools: ordered by ControlMessage.first(), control messages overtake queued work. */
    @Test
    void anOrderedJctoolsMailboxLetsControlMessagesOvertake() throws Exception {
        try (ActorSystem system = ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName("ordered").withDispatcherThreads(2)).build()) {
            List<Object> seen = new CopyOnWriteArrayList<>();
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            ActorRef<Object> ref = system.spawn((ActorContext<Object> ctx) -> m -> {
                if (m.equals("hold")) {
                    entered.countDown();
                    release.await();
                } else {
                    seen.add(m);
                }
            }, SpawnOptions.named("ordered").withMailbox(MailboxSpec.ordered(ControlMessage.first())));
            assertEquals(JctoolsMailboxFactory.NAME, system.metrics(ref).orElseThrow().mailbox());
            ref.tell("hold");
            assertTrue(entered.await(5, TimeUnit.SECONDS));
            List<Object> expected = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                ref.tell(i);
                expected.add(i);
                if (i % 40 == 39) {
                    ref.tell(new Pause());
                    expected.add(0, new Pause());
                }
            }
            release.countDown();
            Await.until("all handled", () -> seen.size() == 102);
            assertEquals(expected, seen);
            // It moves to the built-in factory, which orders it the same way.
            assertTrue(system.swapMailbox(ref, "builtin").toCompletableFuture().get(10, TimeUnit.SECONDS));
            assertEquals("builtin", system.metrics(ref).orElseThrow().mailbox());
        }
    }

    /** 4 senders into 100 actors through chunk boundaries: nothing lost, nothing duplicated, FIFO per sender. */
    @Test
    void actorsGetEveryMessageOnceInSenderOrder() throws Exception {
        int senders = 4;
        int actors = 100;
        int perSenderPerActor = 5_000;
        AtomicLong handled = new AtomicLong();
        AtomicReference<String> error = new AtomicReference<>();
        try (ActorSystem system = ActorSystem.builder()
                .config(ActorSystemConfig.defaults().withName("order").withDispatcherThreads(2)).build()) {
            List<ActorRef<long[]>> refs = new ArrayList<>();
            for (int i = 0; i < actors; i++) {
                refs.add(system.spawnAnonymous(ctx -> new Checker(senders, handled, error)));
            }
            CountDownLatch start = new CountDownLatch(1);
            List<Thread> threads = new ArrayList<>();
            for (int s = 0; s < senders; s++) {
                int sender = s;
                Thread t = new Thread(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        return;
                    }
                    for (int i = 0; i < perSenderPerActor; i++) {
                        for (ActorRef<long[]> r : refs) {
                            r.tell(new long[] {sender, i});
                        }
                    }
                });
                t.start();
                threads.add(t);
            }
            start.countDown();
            for (Thread t : threads) {
                t.join();
            }
            long total = (long) senders * actors * perSenderPerActor;
            Await.progress("all messages handled", total, Duration.ofSeconds(20), handled::get);
            assertEquals(null, error.get());
            assertEquals(total, handled.get());
        }
    }

    @Test
    void boundedQueuesKeepTheirExactCapacityForEveryPolicy() {
        JctoolsMailboxFactory f = new JctoolsMailboxFactory();
        for (Overflow o : Overflow.values()) {
            for (int capacity : new int[] {1, 2, 5, 16, 1000}) {
                MailboxSpec spec = o == Overflow.BLOCK ? MailboxSpec.blocking(capacity, Duration.ofMillis(1))
                        : MailboxSpec.bounded(capacity, o);
                MailboxQueue<Object> q = f.create(spec);
                assertEquals(capacity, q.capacity());
                int accepted = 0;
                while (q.offer(accepted)) {
                    accepted++;
                    assertTrue(accepted <= capacity, o + " " + capacity + " took more than its capacity");
                }
                assertEquals(capacity, accepted, o + " " + capacity);
                assertEquals(capacity, q.size());
                List<Object> out = new ArrayList<>();
                assertEquals(capacity, q.drain(out::add, Integer.MAX_VALUE));
                assertEquals(0, out.get(0));
                assertTrue(q.isEmpty());
                assertTrue(q.offer("again"), "room after draining");
            }
        }
    }
}
