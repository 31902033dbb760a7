package io.hyphae.perf;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.broker.MessageBroker;
import java.util.List;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where a throughput workload runs: on Hyphae with one dispatcher and one mailbox factory,
 * or on the {@link ReferenceActor}. Workloads see only {@link Node}s, so both run the same
 * handler code. The Hyphae system takes the {@code hyphae.*} system properties (for example
 * {@code -Dhyphae.dispatcher.spinMicros=0}) except its dispatcher, mailbox and thread count,
 * which the target names.
 */
abstract class Mesh implements AutoCloseable {

    /** Something a message can be sent to. */
    interface Node {
        void tell(Object message);
    }

    /** Starts a node whose handler is {@code behaviour}. */
    abstract Node spawn(Consumer<Object> behaviour);

    /**
     * Something that hands one message to each of {@code nodes}: on Hyphae a broker topic
     * they all subscribe to, on the reference a loop of tells (it has no broker).
     */
    abstract Node publisher(List<Node> nodes);

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
        Node publisher(List<Node> nodes) {
            Node[] all = nodes.toArray(Node[]::new);
            return m -> {
                for (Node n : all) {
                    n.tell(m);
                }
            };
        }

        @Override
        public void close() throws InterruptedException {
            pool.shutdown();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    private static final class Hyphae extends Mesh {
        private final ActorSystem system;
        private MessageBroker broker;

        Hyphae(String dispatcher, String mailbox, int threads) {
            system = ActorSystem.builder().config(ActorSystemConfig.fromSystemProperties().withName("mesh")
                    .withDispatcherThreads(threads).withMailboxFactory(mailbox).withDispatcher(dispatcher)).build();
            if (!system.defaultDispatcher().equals(dispatcher)
                    || !system.metrics().mailboxFactory().equals(mailbox)) {
                throw new IllegalStateException("no dispatcher '" + dispatcher + "' or mailbox '" + mailbox + "'");
            }
        }

        @Override
        Node spawn(Consumer<Object> behaviour) {
            return new HyphaeNode(system.spawnAnonymous(ctx -> behaviour::accept));
        }

        @Override
        Node publisher(List<Node> nodes) {
            if (broker == null) {
                broker = MessageBroker.builder(system).build();
            }
            String topic = "fan" + nodes.size() + "." + System.identityHashCode(nodes);
            for (Node n : nodes) {
                broker.subscribe(topic, ((HyphaeNode) n).ref);
            }
            MessageBroker b = broker;
            return m -> b.publish(topic, m);
        }

        @Override
        public void close() {
            system.close();
        }
    }

    private record HyphaeNode(ActorRef<Object> ref) implements Node {
        @Override
        public void tell(Object message) {
            ref.tell(message);
        }
    }
}
