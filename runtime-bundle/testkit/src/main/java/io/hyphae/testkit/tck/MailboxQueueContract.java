package io.hyphae.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.Overflow;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * The queue contract every {@link MailboxFactory} must meet: order, exact bounded capacity,
 * and nothing lost or duplicated under concurrent producers (and pollers, where supported).
 *
 * <p>Subclass it in the plug-in's tests and state the factory under test and the capabilities
 * it must have; the suite checks that the factory declares exactly those, then runs the tests
 * they call for and skips the others (reported as skipped, never passed).
 *
 * <pre>{@code
 * class MyMailboxTest extends MailboxQueueContract {
 *     protected MailboxFactory factory() { return new MyMailboxFactory(); }
 *     protected Set<MailboxCapability> capabilities() { return EnumSet.of(UNBOUNDED, BOUNDED); }
 * }
 * }</pre>
 */
public abstract class MailboxQueueContract {

    /** For subclasses. */
    protected MailboxQueueContract() {
    }

    /**
     * The factory under test; may be a new one per call.
     *
     * @return the factory
     */
    protected abstract MailboxFactory factory();

    /**
     * The capabilities the factory must declare and honour (the capability flags of this suite).
     *
     * @return the capabilities
     */
    protected abstract Set<MailboxCapability> capabilities();

    private MailboxQueue<Object> unbounded() {
        assumeTrue(capabilities().contains(MailboxCapability.UNBOUNDED), "the factory is not unbounded");
        return factory().create(MailboxSpec.unbounded());
    }

    private MailboxQueue<Object> bounded(int capacity, Overflow overflow) {
        MailboxSpec spec = MailboxSpec.bounded(capacity, overflow);
        assumeTrue(capabilities().containsAll(spec.requiredCapabilities()), "the factory cannot make " + spec);
        return factory().create(spec);
    }

    @Test
    void hasANameAndCapabilities() {
        assertFalse(factory().name().isBlank());
        assertFalse(capabilities().isEmpty(), "a mailbox factory has at least one capability");
    }

    @Test
    void declaresExactlyTheExpectedCapabilities() {
        assertEquals(Set.copyOf(capabilities()), Set.copyOf(factory().capabilities()),
                "capabilities the factory declares");
        for (MailboxCapability c : capabilities()) {
            MailboxSpec spec = switch (c) {
                case UNBOUNDED -> MailboxSpec.unbounded();
                case BOUNDED -> MailboxSpec.bounded(8, Overflow.REJECT);
                case CONCURRENT_POLL -> MailboxSpec.bounded(8, Overflow.DROP_OLDEST);
                case ORDERED -> MailboxSpec.ordered(Comparator.naturalOrder());
            };
            if (capabilities().containsAll(spec.requiredCapabilities())) {
                assertTrue(factory().supports(spec), "the factory supports " + spec);
            }
        }
    }

    @Test
    void newQueueIsEmpty() {
        MailboxQueue<Object> q = unbounded();
        assertTrue(q.isEmpty());
        assertEquals(0, q.size());
        assertNull(q.poll());
        assertEquals(MailboxSpec.UNBOUNDED, q.capacity());
    }

    @Test
    void pollsInOfferOrder() {
        MailboxQueue<Object> q = unbounded();
        for (int i = 0; i < 10_000; i++) {
            assertTrue(q.offer(i));
        }
        assertEquals(10_000, q.size());
        for (int i = 0; i < 10_000; i++) {
            assertEquals(i, q.poll());
        }
        assertNull(q.poll());
        assertTrue(q.isEmpty());
    }

    @Test
    void emptiesAndRefillsRepeatedly() {
        MailboxQueue<Object> q = unbounded();
        for (int round = 0; round < 1_000; round++) {
            q.offer(round);
            q.offer(-round);
            assertFalse(q.isEmpty());
            assertEquals(round, q.poll());
            assertEquals(-round, q.poll());
            assertTrue(q.isEmpty());
            assertNull(q.poll());
        }
    }

    @Test
    void drainsUpToTheLimitInOrder() {
        MailboxQueue<Object> q = unbounded();
        for (int i = 0; i < 10; i++) {
            q.offer(i);
        }
        List<Object> out = new ArrayList<>();
        assertEquals(4, q.drain(out::add, 4));
        assertEquals(List.of(0, 1, 2, 3), out);
        assertEquals(6, q.drain(out::add, 100));
        assertEquals(10, out.size());
        assertEquals(9, out.get(9));
    }

    @Test
    void boundedQueueHoldsExactlyItsCapacity() {
        for (int capacity : new int[] {1, 3, 8, 1000}) {
            MailboxQueue<Object> q = bounded(capacity, Overflow.REJECT);
            assertEquals(capacity, q.capacity());
            for (int i = 0; i < capacity; i++) {
                assertTrue(q.offer(i), "offer " + i + " of " + capacity);
            }
            assertFalse(q.offer("one too many"));
            assertEquals(capacity, q.size());
            assertEquals(0, q.poll());
            assertTrue(q.offer("room again"));
            assertFalse(q.offer("full again"));
        }
    }

    @Test
    void boundedQueueWrapsAroundManyTimes() {
        MailboxQueue<Object> q = bounded(5, Overflow.DROP_NEWEST);
        for (int i = 0; i < 100_000; i++) {
            assertTrue(q.offer(i));
            if (i % 3 == 2) {
                while (q.poll() != null) {
                    // empty it
                }
            }
        }
        int last = -1;
        Object o;
        while ((o = q.poll()) != null) {
            assertTrue((Integer) o > last);
            last = (Integer) o;
        }
        assertEquals(99_999, last);
    }

    /** Many producers, one consumer: nothing lost, nothing duplicated, FIFO per producer. */
    @Test
    void concurrentProducersLoseNothingAndKeepPerProducerOrder() throws Exception {
        MailboxQueue<Object> q = unbounded();
        runProducersAgainstConsumer(q, 4, 250_000);
    }

    @Test
    void concurrentProducersIntoABoundedQueue() throws Exception {
        runProducersAgainstConsumer(bounded(64, Overflow.REJECT), 4, 100_000);
    }

    private static void runProducersAgainstConsumer(MailboxQueue<Object> q, int producers, int perProducer)
            throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> threads = new ArrayList<>();
        for (int p = 0; p < producers; p++) {
            final long base = (long) p << 32;
            Thread t = new Thread(() -> {
                await(start);
                for (int i = 0; i < perProducer; i++) {
                    Long m = base | i;
                    while (!q.offer(m)) {
                        Thread.onSpinWait();
                    }
                }
            });
            t.start();
            threads.add(t);
        }
        long[] next = new long[producers];
        long total = (long) producers * perProducer;
        start.countDown();
        long received = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (received < total) {
            Object o = q.poll();
            if (o == null) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("only " + received + " of " + total + " arrived");
                }
                Thread.onSpinWait();
                continue;
            }
            long m = (Long) o;
            int p = (int) (m >>> 32);
            long seq = m & 0xffffffffL;
            assertEquals(next[p], seq, "producer " + p + " out of order (lost or duplicated)");
            next[p]++;
            received++;
        }
        for (Thread t : threads) {
            t.join();
        }
        assertNull(q.poll());
        assertTrue(q.isEmpty());
    }

    private MailboxQueue<Object> ordered(Comparator<Object> order) {
        MailboxSpec spec = MailboxSpec.ordered(order);
        assumeTrue(capabilities().contains(MailboxCapability.ORDERED), "the factory cannot make " + spec);
        return factory().create(spec);
    }

    /** By key: the low 3 bits of a Long's sequence number (0..7), smallest first. */
    private static final Comparator<Object> BY_KEY = Comparator.comparingLong(o -> ((Long) o) & 7);

    /** An ordered queue hands out the smallest key first, equal keys in offer order. */
    @Test
    void orderedQueueTakesTheSmallestFirstAndEqualOnesInArrivalOrder() {
        MailboxQueue<Object> q = ordered(BY_KEY);
        for (long i = 0; i < 10_000; i++) {
            assertTrue(q.offer(i));
        }
        assertEquals(10_000, q.size());
        long prev = -1;
        for (int n = 0; n < 10_000; n++) {
            long m = (Long) q.poll();
            if (prev >= 0) {
                long pk = prev & 7;
                long k = m & 7;
                assertTrue(pk < k || pk == k && prev < m, "after " + prev + " came " + m);
            }
            prev = m;
        }
        assertNull(q.poll());
        assertTrue(q.isEmpty());
        // A smaller message offered mid-drain goes next.
        q.offer(15L);
        q.offer(9L);
        assertEquals(9L, q.poll());
        q.offer(8L);
        assertEquals(8L, q.poll(), "a smaller message that arrived later goes first");
        assertEquals(15L, q.poll());
    }

    /** A comparator that throws makes the two messages equal: nothing is lost or duplicated. */
    @Test
    void orderedQueueSurvivesAThrowingComparator() {
        MailboxQueue<Object> q = ordered((a, b) -> {
            if (a instanceof String || b instanceof String) {
                throw new ClassCastException("not a Long");
            }
            return Long.compare((Long) a, (Long) b);
        });
        List<Object> in = new ArrayList<>();
        for (long i = 0; i < 1_000; i++) {
            Object m = i % 10 == 0 ? "s" + i : (Object) (999 - i);
            in.add(m);
            q.offer(m);
        }
        List<Object> out = new ArrayList<>();
        Object o;
        while ((o = q.poll()) != null) {
            out.add(o);
        }
        assertEquals(in.size(), out.size());
        assertEquals(Set.copyOf(in), Set.copyOf(out));
    }

    /** Many producers into an ordered queue: nothing lost or duplicated, equal keys per producer in order. */
    @Test
    void concurrentProducersIntoAnOrderedQueue() throws Exception {
        MailboxQueue<Object> q = ordered(Comparator.comparingLong(o -> 0));
        runProducersAgainstConsumer(q, 4, 100_000);
    }

    /** DROP_OLDEST evicts from producer threads while the consumer polls. */
    @Test
    void concurrentPollersTakeEachElementOnce() throws Exception {
        MailboxSpec spec = MailboxSpec.bounded(16, Overflow.DROP_OLDEST);
        assumeTrue(capabilities().containsAll(spec.requiredCapabilities()), "the factory cannot make " + spec);
        MailboxQueue<Object> q = factory().create(spec);
        int pollers = 3;
        int perProducer = 200_000;
        AtomicBoolean done = new AtomicBoolean();
        AtomicLong sum = new AtomicLong();
        AtomicLong count = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < pollers; i++) {
            Thread t = new Thread(() -> {
                long s = 0;
                long c = 0;
                while (true) {
                    Object o = q.poll();
                    if (o == null) {
                        if (done.get() && q.isEmpty()) {
                            break;
                        }
                        Thread.onSpinWait();
                        continue;
                    }
                    s += (Integer) o;
                    c++;
                }
                sum.addAndGet(s);
                count.addAndGet(c);
            });
            t.start();
            threads.add(t);
        }
        Thread producer = new Thread(() -> {
            for (int i = 1; i <= perProducer; i++) {
                Integer m = i;
                while (!q.offer(m)) {
                    Thread.onSpinWait();
                }
            }
        });
        producer.start();
        producer.join();
        done.set(true);
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(perProducer, count.get(), "each element polled exactly once");
        assertEquals((long) perProducer * (perProducer + 1) / 2, sum.get());
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
