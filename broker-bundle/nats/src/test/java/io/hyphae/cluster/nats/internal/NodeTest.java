package io.hyphae.cluster.nats.internal;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.shutdown.ShutdownSettings;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;

/** What the cluster tests share: systems, servers and nodes closed after each test, newest first, and waiting. */
abstract class NodeTest {

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
        open.clear();
    }

    /** Closes {@code c} after the test. */
    <T extends AutoCloseable> T keep(T c) {
        open.add(c);
        return c;
    }

    /** A system of two dispatcher threads, without a JVM shutdown hook, closed after the test. */
    ActorSystem system(String name) {
        return keep(ActorSystem.builder().config(ActorSystemConfig.defaults().withName(name).withDispatcherThreads(2)
                .withShutdown(ShutdownSettings.defaults().withJvmHook(false))).build());
    }

    /** Waits up to 30 s for the condition. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }
}
