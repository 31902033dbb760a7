/**
 * The dispatcher plug-in point: what runs actor turns on which threads.
 *
 * <p>A {@link io.hyphae.api.dispatch.DispatcherFactory} makes one
 * {@link io.hyphae.api.dispatch.Dispatcher} per actor system. The runtime hands a dispatcher
 * an actor's turn as a {@link java.lang.Runnable} when the actor becomes runnable; the
 * dispatcher runs it soon, on a thread of its choice. The dispatcher knows nothing of
 * actors: one-at-a-time execution, message order and fairness between actors are the
 * runtime's, which never hands over a turn that is already queued or running.
 *
 * <p><b>Selection.</b> Actors use the system's default dispatcher (setting
 * {@code dispatcher.default}, else the built-in {@code affinity} one) unless spawned with
 * {@link io.hyphae.api.SpawnOptions#withDispatcher}. Changing the default, or removing a
 * factory, moves each affected actor at its next turn boundary: an actor never runs on two
 * dispatchers at once and no message is lost, because messages stay in the actor's
 * mailbox and only the turn moves.
 *
 * <p><b>Shipped dispatchers</b> (always present in the runtime): {@code affinity} (the
 * default), fixed threads sharing one run queue, each with a hand-off slot that keeps
 * talking actors on one warm thread; {@code work-stealing}, a
 * {@link java.util.concurrent.ForkJoinPool} in asynchronous mode with the same slot;
 * {@code blocking}, a bounded pool for actors that block on I/O; and, on JDK 21 and later,
 * {@code virtual}, a virtual thread per turn.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.hyphae.api.dispatch;
