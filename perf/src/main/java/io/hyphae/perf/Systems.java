package io.hyphae.perf;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;

/** Creates the systems benchmarks run against. */
final class Systems {

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
        ActorSystemConfig config = ActorSystemConfig.fromSystemProperties().withName(name).withDispatcherThreads(threads);
        if (!mailbox.isEmpty()) {
            config = config.withMailboxFactory(mailbox);
        } else if (config.mailboxFactory().isEmpty()) {
            config = config.withMailboxFactory(DEFAULT_MAILBOX);
        }
        return ActorSystem.builder().config(config).build();
    }
}
