package io.hyphae.testkit;

import io.hyphae.api.ActorRef;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Test classes that the extension must fail or pass, run by {@link HyphaeExtensionTest}
 * through the JUnit launcher (nested classes are not picked up by the build's test scan).
 */
final class ExtensionFixtures {

    private ExtensionFixtures() {
    }

    @HyphaeTest
    static class PerMethod {
        @Test
        void leavesADeadLetter(ActorTestKit kit) {
            ActorRef<String> gone = kit.spawn(ctx -> m -> { });
            kit.stop(gone);
            gone.tell("into the void");
        }

        @Test
        void expectsItsDeadLetter(ActorTestKit kit) {
            ActorRef<String> gone = kit.spawn(ctx -> m -> { });
            kit.stop(gone);
            gone.tell("expected");
            kit.expectDeadLetter("expected");
        }

        @Test
        void leavesAFailure(ActorTestKit kit) {
            ActorRef<String> fragile = kit.spawn(ctx -> m -> {
                throw new IllegalStateException("boom on " + m);
            });
            fragile.tell("x");
            kit.createProbe().expectNoMessage(Duration.ofMillis(50));
            kit.stop(fragile);
        }

        @Test
        void expectsItsFailure(ActorTestKit kit) {
            ActorRef<String> fragile = kit.spawn(ctx -> m -> {
                throw new IllegalStateException("boom");
            });
            fragile.tell("x");
            kit.expectFailure(fragile, IllegalStateException.class);
            kit.stop(fragile);
        }

        @Test
        void leavesAnActorAlive(ActorTestKit kit) {
            kit.spawn(ctx -> m -> { }, "forgotten");
        }

        @Test
        void allowsEverything(ActorTestKit kit) {
            kit.allowDeadLetters();
            kit.allowFailures();
            kit.allowLeakedActors();
            ActorRef<String> fragile = kit.spawn(ctx -> m -> {
                throw new IllegalStateException("boom");
            });
            fragile.tell("x");
            kit.expectFailure(fragile, IllegalStateException.class);
            fragile.tell("y");
            ActorRef<String> gone = kit.spawn(ctx -> m -> { });
            kit.stop(gone);
            gone.tell("dead");
        }
    }

    @HyphaeTest
    @TestMethodOrder(MethodOrderer.OrderAnnotation.class)
    static class PerClass {
        static ActorTestKit shared;
        static ActorRef<String> service;

        @BeforeAll
        static void start(ActorTestKit kit) {
            shared = kit;
            service = kit.spawn(ctx -> m -> { }, "service");
        }

        @Test
        @Order(1)
        void usesTheServiceAndCleansUp(ActorTestKit kit) {
            assert kit == shared : "a test method gets the class-wide kit";
            ActorRef<String> helper = shared.spawn(ctx -> m -> { });
            service.tell("hello");
            shared.stop(helper);
        }

        @Test
        @Order(2)
        void leavesAHelperAlive() {
            shared.spawn(ctx -> m -> { }, "helper");
        }
    }
}
