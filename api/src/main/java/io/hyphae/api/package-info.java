/**
 * The actor API.
 *
 * <p>An actor is an {@link io.hyphae.api.Actor} instance made by an
 * {@link io.hyphae.api.ActorFactory} and reached only through an
 * {@link io.hyphae.api.ActorRef}: a ref given to you, one you spawned, or one found by a
 * registered name. Refs cannot be built from a path.
 *
 * <p><b>Threads.</b> The runtime calls an actor's methods one at a time, never
 * concurrently, possibly from different threads; writes made while handling one message
 * are visible while handling the next. The {@link io.hyphae.api.ActorContext} belongs to
 * the actor and may only be used from inside its methods. {@link io.hyphae.api.ActorRef}
 * and {@link io.hyphae.api.ActorSystem} are safe from any thread.
 *
 * <p><b>Ordering and delivery.</b> Messages from one sender to one receiver arrive in the
 * order sent. Delivery is at most once; inside one JVM a message that cannot be delivered
 * becomes a {@link io.hyphae.api.DeadLetter}, counted and observable.
 *
 * <p><b>Failure.</b> An exception thrown by an actor suspends it and its parent decides
 * with a {@link io.hyphae.api.Directive}; see {@link io.hyphae.api.Actor#onChildFailure}.
 *
 * <p><b>Blocking.</b> Handlers run on a small shared dispatcher (one thread per core by
 * default). A handler that blocks holds a dispatcher thread: move blocking work to an
 * executor of your own and tell the result back to the actor.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package io.hyphae.api;
