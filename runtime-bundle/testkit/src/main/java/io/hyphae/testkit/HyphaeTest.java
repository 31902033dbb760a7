package io.hyphae.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a JUnit 5 test class with {@link HyphaeExtension}: a parameter of type
 * {@link ActorTestKit} gets a kit with a new system.
 *
 * <ul>
 * <li>In a test method, {@code @BeforeEach} or {@code @AfterEach} method: one kit per test,
 * verified after the test ({@link ActorTestKit#verify()}: no unexpected dead letter, no
 * unexpected failure, no actor left alive) and then closed.</li>
 * <li>In a constructor or a static {@code @BeforeAll} method: one kit for the class, which the
 * class's test methods then receive too; verified after each test (dead letters, failures,
 * and actors that the test spawned and left alive) and closed after the last.</li>
 * </ul>
 *
 * <p>A test allows what it expects with {@link ActorTestKit#allowDeadLetters()},
 * {@link ActorTestKit#allowFailures()} and {@link ActorTestKit#allowLeakedActors()}. Each kit
 * has its own system, so test classes and methods can run in parallel (a class-wide kit is
 * then shared by that class's methods: give concurrent methods their own).
 *
 * <pre>{@code
 * @HyphaeTest(manualClock = true)
 * class ReminderTest {
 *     @Test
 *     void remindsAfterFiveMinutes(ActorTestKit kit) { ... }
 * }
 * }</pre>
 */
@Target({ElementType.TYPE, ElementType.METHOD})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(HyphaeExtension.class)
public @interface HyphaeTest {

    /**
     * Whether the system runs on a {@link ManualClock} ({@link ActorTestKit#clock()}).
     *
     * @return true for virtual time
     */
    boolean manualClock() default false;

    /**
     * Dispatcher threads of the system.
     *
     * @return 1..1024
     */
    int dispatcherThreads() default 2;

    /**
     * How long expectations wait by default, in milliseconds.
     *
     * @return a positive number
     */
    long timeoutMillis() default 3000;
}
