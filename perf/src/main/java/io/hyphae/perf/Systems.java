package io.hyphae.perf;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;

/** Creates the systems benchmarks run against. */
final class Systems {

    private Systems() {
    }

    /**
     * A system with the given dispatcher size; other settings come from system properties
     * ({@code -Dhyphae.dispatcher.throughput=...}) and the defaults.
     */
    static ActorSystem create(String name, int threads) {
        return ActorSystem.builder()
                .config(ActorSystemConfig.fromSystemProperties().withName(name).withDispatcherThreads(threads))
                .build();
    }
}
