package io.hyphae.perf;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

/**
 * Apache Pekko (typed) as a comparison peer, set up like Hyphae in the benchmarks: a
 * default dispatcher of exactly {@code threads} threads with throughput 100, logging
 * through SLF4J at WARNING, dead letters not logged. Perf only: no shipped bundle depends
 * on Pekko.
 */
final class PekkoPeer {

    private PekkoPeer() {
    }

    static Config config(int threads) {
        return ConfigFactory.parseString(String.join("\n",
                "pekko.loglevel = WARNING",
                "pekko.stdout-loglevel = WARNING",
                "pekko.loggers = [\"org.apache.pekko.event.slf4j.Slf4jLogger\"]",
                "pekko.logging-filter = \"org.apache.pekko.event.slf4j.Slf4jLoggingFilter\"",
                "pekko.log-dead-letters = off",
                "pekko.log-dead-letters-during-shutdown = off",
                "pekko.actor.default-dispatcher.executor = fork-join-executor",
                "pekko.actor.default-dispatcher.fork-join-executor.parallelism-min = " + threads,
                "pekko.actor.default-dispatcher.fork-join-executor.parallelism-max = " + threads,
                "pekko.actor.default-dispatcher.fork-join-executor.parallelism-factor = 1.0",
                "pekko.actor.default-dispatcher.throughput = 100"))
                .withFallback(ConfigFactory.load(PekkoPeer.class.getClassLoader()));
    }

    /** A system whose guardian does nothing; benchmarks start their actors with {@code systemActorOf}. */
    static ActorSystem<Void> create(String name, int threads) {
        Behavior<Void> guardian = Behaviors.empty();
        return ActorSystem.create(guardian, name, config(threads));
    }

    static void terminate(ActorSystem<?> system) {
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }
}
