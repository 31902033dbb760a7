/**
 * OTP-style supervision: a supervisor is an actor that starts children from
 * {@link io.hyphae.api.supervision.ChildSpec}s in order, restarts them by its
 * {@link io.hyphae.api.supervision.Strategy}, stops them in reverse order honouring each
 * child's {@link io.hyphae.api.supervision.Shutdown}, and fails to its own parent when
 * restarts exceed its intensity. Supervisors nest into trees.
 *
 * <p>Get the implementation as a service ({@link io.hyphae.api.supervision.Supervision}):
 * an OSGi service in a container, {@link io.hyphae.api.supervision.Supervision#load()} on
 * the module path. Without it, the runtime's default failure handling
 * ({@link io.hyphae.api.Directive#defaultFor}) applies.
 *
 * <p><b>Restarts keep refs and mailboxes.</b> Unlike an Erlang process, a restarted child
 * keeps its {@link io.hyphae.api.ActorRef}; messages sent while it was down wait in its
 * mailbox and are handled, in order, by the fresh instance. A child that is stopped for
 * good (temporary, intensity exceeded, terminated) turns its queue into dead letters.
 *
 * <p><b>Exit kinds.</b> A child exits normally when it stops itself, with a shutdown when
 * something else stops it, and abnormally when it throws (see
 * {@link io.hyphae.api.ExitReason}). Permanent children restart after any exit, transient
 * ones only after an abnormal exit, temporary ones never. A nested supervisor that
 * exceeds its restart intensity exits with a shutdown, as in OTP: its parent restarts it
 * only if it is permanent.
 *
 * <p><b>Shutdown.</b> However a supervisor is stopped (its own {@code shutdown()}, its
 * parent, {@code ActorSystem.stop} or the system's termination), it stops its children
 * newest first, each within its {@link io.hyphae.api.supervision.Shutdown}; a child that
 * exceeds its timeout is killed and left behind, and the supervisor goes on.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.2.0")
package io.hyphae.api.supervision;
