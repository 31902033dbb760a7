package io.hyphae.runtime.internal.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.runtime.internal.RuntimeAdmin;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** hyphae:await waits for actors to run, times out with the state it saw, and rejects bad input. */
class AwaitCommandTest {

    @Test
    void waitsUntilEveryPathRunsAndTimesOutOtherwise() throws Exception {
        RuntimeAdmin system = RuntimeAdmin.start(ActorSystemConfig.defaults().withName("shell-await"), List.of());
        CountDownLatch release = new CountDownLatch(1);
        try {
            HyphaeShell shell = new HyphaeShell(system);
            system.spawn(ctx -> m -> { }, "ready");
            // Its start blocks until released: spawned, but not running yet.
            system.spawn(ctx -> new Actor<Object>() {
                @Override
                public void onStart() throws InterruptedException {
                    release.await(10, TimeUnit.SECONDS);
                }

                @Override
                public void receive(Object m) {
                }
            }, "slow");
            IllegalArgumentException late = assertThrows(IllegalArgumentException.class,
                    () -> shell.await("--timeout", "1", "ready", "slow"));
            assertTrue(late.getMessage().startsWith("actor 'slow' is not running after 1 s"), late.getMessage());
            IllegalArgumentException absent = assertThrows(IllegalArgumentException.class,
                    () -> shell.await("--timeout", "1", "nobody"));
            assertTrue(absent.getMessage().contains("(absent)"), absent.getMessage());

            CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
                try {
                    return shell.await("ready", "/slow");
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            });
            release.countDown();
            String answer = waiting.get(10, TimeUnit.SECONDS);
            assertTrue(answer.startsWith("running: ready, slow (waited "), answer);

            assertEquals("usage: hyphae:await [--timeout SECONDS] PATH...",
                    assertThrows(IllegalArgumentException.class, shell::await).getMessage());
            assertThrows(IllegalArgumentException.class, () -> shell.await("--timeout"));
            assertThrows(IllegalArgumentException.class, () -> shell.await("--timeout", "soon", "ready"));
            assertThrows(IllegalArgumentException.class, () -> shell.await("--timeout", "0", "ready"));
        } finally {
            release.countDown();
            system.close();
        }
    }
}
