package io.hyphae.perf;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.supervision.Supervision;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Creates the systems benchmarks run against. By default the runtime comes from the class
 * path, as on the module path. With {@code -Dhyphae.perf.bundles=DIR} (for example
 * {@code launcher/target/hyphae/bundle}) every system runs in an embedded Felix with the
 * bundles of that folder, and the mailbox factory and topic index a benchmark names are
 * looked up among the services those bundles register: a new implementation bundle becomes
 * benchmarkable by dropping it into the folder.
 */
final class Systems {

    /** The property naming a bundle folder; when set, systems run in an embedded Felix. */
    static final String BUNDLES = "hyphae.perf.bundles";
    private static final Duration WAIT = Duration.ofSeconds(30);

    /** The mailbox factory used when a benchmark has no {@code mailbox} parameter. */
    static final String DEFAULT_MAILBOX = "builtin";

    private Systems() {
    }

    /**
     * A system with the given dispatcher size and the mailbox factory named by
     * {@code -Dhyphae.mailbox.factory=...}, or {@value #DEFAULT_MAILBOX}; other settings come
     * from system properties ({@code -Dhyphae.dispatcher.throughput=...}) and the defaults.
     * The default is explicit because the JCTools factory, also on the class path, ranks
     * higher and would otherwise be chosen silently.
     */
    static ActorSystem create(String name, int threads) {
        return create(name, threads, "");
    }

    /** As {@link #create(String, int)}, with the mailbox factory named (empty: as above). */
    static ActorSystem create(String name, int threads, String mailbox) {
        String bundles = System.getProperty(BUNDLES);
        if (bundles != null) {
            return inContainer(Path.of(bundles), name, threads, mailbox.isEmpty()
                    ? System.getProperty("hyphae.mailbox.factory", DEFAULT_MAILBOX) : mailbox);
        }
        ActorSystemConfig config = ActorSystemConfig.fromSystemProperties().withName(name).withDispatcherThreads(threads);
        if (!mailbox.isEmpty()) {
            config = config.withMailboxFactory(mailbox);
        } else if (config.mailboxFactory().isEmpty()) {
            config = config.withMailboxFactory(DEFAULT_MAILBOX);
        }
        return ActorSystem.builder().config(config).build();
    }

    static ActorSystem inContainer(Path bundles, String name, int threads, String mailbox) {
        Map<String, Object> runtime = new HashMap<>();
        runtime.put(ActorSystemConfig.NAME, name);
        runtime.put(ActorSystemConfig.DISPATCHER_THREADS, threads);
        runtime.put(ActorSystemConfig.MAILBOX_FACTORY, mailbox);
        FelixContainer container = null;
        try {
            container = new FelixContainer(bundles, Map.of(ActorSystemConfig.PID, runtime));
            ActorSystem system = container.service(ActorSystem.class);
            // The named factory is preferred once its bundle has registered it.
            long deadline = System.nanoTime() + WAIT.toNanos();
            while (!mailbox.equals(system.metrics().mailboxFactory())) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("no mailbox factory '" + mailbox + "' among the bundles of "
                            + bundles + "; the system uses '" + system.metrics().mailboxFactory() + "'");
                }
                Thread.sleep(10);
            }
            return new ContainedSystem(container, system);
        } catch (Exception e) {
            if (container != null) {
                container.close();
            }
            throw new IllegalStateException("cannot start the container of " + bundles + ": " + e.getMessage(), e);
        }
    }

    /**
     * The broker for a system, on the named topic index: the container's broker service,
     * switched to that index, or a new broker on the class path.
     */
    static MessageBroker broker(ActorSystem system, String index) {
        if (!(system instanceof ContainedSystem c)) {
            return MessageBroker.builder(system).index(index).build();
        }
        try {
            MessageBroker broker = c.container.service(MessageBroker.class);
            if (!broker.indexes().contains(index)) {
                throw new IllegalStateException("no topic index '" + index + "' among the deployed bundles; there are "
                        + broker.indexes());
            }
            broker.useIndex(index);
            return broker;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The supervision service for a system: the container's, or the class path's. */
    static Supervision supervision(ActorSystem system) {
        if (!(system instanceof ContainedSystem c)) {
            return Supervision.load();
        }
        try {
            return c.container.service(Supervision.class);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
