/**
 * Testing actors: {@link io.hyphae.testkit.ActorTestKit} (a system per test, with dead
 * letters, failures and leaks checked), {@link io.hyphae.testkit.TestProbe},
 * {@link io.hyphae.testkit.ManualClock} for virtual time,
 * {@link io.hyphae.testkit.BehaviorTestKit} to run one actor synchronously, and the JUnit 5
 * extension {@link io.hyphae.testkit.HyphaeTest}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.hyphae.testkit;
