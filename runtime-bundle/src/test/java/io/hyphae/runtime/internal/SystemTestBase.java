package io.hyphae.runtime.internal;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.DeadLetter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/** Gives each test a fresh two-thread system, terminated afterwards. */
abstract class SystemTestBase {

    protected ActorSystem system;
    protected final List<DeadLetter> deadLetters = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startSystem(TestInfo info) {
        system = ActorSystem.builder()
                .config(ActorSystemConfig.defaults()
                        .withName(info.getTestMethod().map(m -> m.getName()).orElse("test"))
                        .withDispatcherThreads(2))
                .build();
        system.subscribeDeadLetters(system.spawnAnonymous(ctx -> deadLetters::add));
    }

    @AfterEach
    void stopSystem() {
        system.close();
    }
}
