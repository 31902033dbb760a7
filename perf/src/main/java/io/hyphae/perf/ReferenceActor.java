package io.hyphae.perf;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ForkJoinPool;
import java.util.function.Consumer;
import org.jctools.queues.MpscUnboundedXaddArrayQueue;

/**
 * The featureless actor every Hyphae dispatcher and mailbox is measured against in the same
 * JMH run: a JCTools {@link MpscUnboundedXaddArrayQueue} mailbox, one CAS "scheduled" flag
 * and a shared {@link ForkJoinPool} in asynchronous mode. No supervision, no system
 * messages, no metrics, no dead letters: the floor of what a message can cost on this
 * machine with this queue.
 */
final class ReferenceActor implements Runnable {

    /** Messages per turn before the actor yields its thread, as Hyphae's default. */
    static final int THROUGHPUT = 100;
    private static final int CHUNK = 256;
    private static final VarHandle SCHEDULED;

    static {
        try {
            SCHEDULED = MethodHandles.lookup().findVarHandle(ReferenceActor.class, "scheduled", int.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final MpscUnboundedXaddArrayQueue<Object> mailbox = new MpscUnboundedXaddArrayQueue<>(CHUNK, 2);
    private final ForkJoinPool pool;
    private final Consumer<Object> behaviour;
    @SuppressWarnings("unused") // accessed through SCHEDULED
    private volatile int scheduled;

    ReferenceActor(ForkJoinPool pool, Consumer<Object> behaviour) {
        this.pool = pool;
        this.behaviour = behaviour;
    }

    /** A pool like the one the reference numbers were taken on. */
    static ForkJoinPool pool(int threads) {
        return new ForkJoinPool(threads, ForkJoinPool.defaultForkJoinWorkerThreadFactory, null, true);
    }

    void tell(Object message) {
        mailbox.offer(message);
        if ((int) SCHEDULED.getVolatile(this) == 0 && SCHEDULED.compareAndSet(this, 0, 1)) {
            pool.execute(this);
        }
    }

    @Override
    public void run() {
        int n = 0;
        Object m;
        while (n < THROUGHPUT && (m = mailbox.relaxedPoll()) != null) {
            behaviour.accept(m);
            n++;
        }
        SCHEDULED.setVolatile(this, 0);
        if (!mailbox.isEmpty() && SCHEDULED.compareAndSet(this, 0, 1)) {
            pool.execute(this);
        }
    }
}
