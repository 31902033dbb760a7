package io.hyphae.perf;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where a throughput workload runs: on Hyphae with one dispatcher and one mailbox factory,
 * or on the {@link ReferenceActor}. Workloads see only {@link Node}s, so both run the same
 * handler code.
 */
abstract class Mesh implements AutoCloseable {

    /** Something a message can be sent to. */
    interface Node {
        void tell(Object message);
    }

    /** Starts a node whose handler is {@code behaviour}. */
    abstract Node spawn(Consumer<Object> behaviour);

    /**
     * The mesh a target names: {@code reference}, or {@code DISPATCHER/MAILBOX}.
     *
     * @param target the target
     * @param threads threads that run handlers
     */
    static Mesh of(String target, int threads) {
        if (target.equals("reference")) {
            return new Reference(threads);
        }
        int slash = target.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("target must be 'reference' or DISPATCHER/MAILBOX, was " + target);
        }
        return new Hyphae(target.substring(0, slash), target.substring(slash + 1), threads);
    }

    private static final class Reference extends Mesh {
        private final ForkJoinPool pool;

        Reference(int threads) {
            pool = ReferenceActor.pool(threads);
        }

        @Override
        Node spawn(Consumer<Object> behaviour) {
            return new ReferenceActor(pool, behaviour)::tell;
        }

        @Override
        public void close() throws InterruptedException {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static final class Hyphae extends Mesh {
        private final ActorSystem system;

        Hyphae(String dispatcher, String mailbox, int threads) {
            system = ActorSystem.builder().config(ActorSystemConfig.defaults().withName("mesh")
                    .withDispatcherThreads(threads).withMailboxFactory(mailbox).withDispatcher(dispatcher)).build();
            if (!system.defaultDispatcher().equals(dispatcher)
                    || !system.metrics().mailboxFactory().equals(mailbox)) {
                throw new IllegalStateException("no dispatcher '" + dispatcher + "' or mailbox '" + mailbox + "'");
            }
        }

        @Override
        Node spawn(Consumer<Object> behaviour) {
            ActorRef<Object> ref = system.spawnAnonymous(ctx -> behaviour::accept);
            return ref::tell;
        }

        @Override
        public void close() {
            system.close();
        }
    }
}
