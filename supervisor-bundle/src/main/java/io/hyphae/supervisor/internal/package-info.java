/**
 * The supervisor implementation: not exported.
 *
 * <p>A supervisor is an ordinary actor whose children are spawned with lifecycle
 * signals. Everything it does to its children (start, halt for a group restart, stop,
 * wait for a backoff) is a step of {@link io.hyphae.supervisor.internal.Steps} in one
 * {@link io.hyphae.supervisor.internal.StepQueue}, run strictly one after another, so the
 * observed order is the OTP order no matter how failures interleave. Restarts keep the
 * child's cell, so its ref and queued messages survive.
 *
 * <p>The parts, each testable on its own:
 * <ul>
 * <li>{@link io.hyphae.supervisor.internal.RestartPolicy}: whether an exit restarts a
 * child, OTP's table as data; pure.</li>
 * <li>{@link io.hyphae.supervisor.internal.RestartIntensity}: the sliding window of
 * restart times.</li>
 * <li>{@link io.hyphae.supervisor.internal.BackoffClock}: the delay before a restart, with
 * the random source injected.</li>
 * <li>{@link io.hyphae.supervisor.internal.ChildTable}: the children by id and by ref, and
 * which of them a restart takes along.</li>
 * <li>{@link io.hyphae.supervisor.internal.Steps}: start, restart, delay, run, and one
 * shutdown step shared by halting and stopping a child.</li>
 * <li>{@link io.hyphae.supervisor.internal.SupervisorBase} and
 * {@link io.hyphae.supervisor.internal.SupervisorActor}: the state, and the actor that
 * turns commands, signals and failures into decisions and steps.</li>
 * </ul>
 * The supervisor reaches the runtime's child controls (kill, halt, restart) through
 * {@code ActorContext.unwrap(ChildControl.class)}.
 */
package io.hyphae.supervisor.internal;
