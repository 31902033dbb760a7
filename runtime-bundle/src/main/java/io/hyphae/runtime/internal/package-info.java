/**
 * The runtime's implementation; not exported.
 *
 * <p>The message path, {@code tell} to {@code receive}, is described once, on
 * {@link io.hyphae.runtime.internal.ActorCell}. An actor is one object built from field
 * layers, each owning its state: {@link io.hyphae.runtime.internal.CellCore} (scheduling
 * handshake, system messages, the turn), {@link io.hyphae.runtime.internal.CellInbox}
 * (pending messages and their order, mailbox moves, dead letters),
 * {@link io.hyphae.runtime.internal.CellLifecycle} (the instance's life),
 * {@link io.hyphae.runtime.internal.CellFamily} (children and the stop) and
 * {@code ActorCell} itself (identity, watch, timers, walks, metrics). System messages are
 * a sealed hierarchy whose types deliver themselves
 * ({@link io.hyphae.runtime.internal.SystemMessage}).
 *
 * <p>The system ({@link io.hyphae.runtime.internal.HyphaeActorSystem}) ties together the
 * {@link io.hyphae.runtime.internal.DispatcherRegistry} (the dispatchers: cells run through a
 * shared {@link io.hyphae.runtime.internal.DispatcherBinding}, so changing the default
 * moves them all at their next turn), the
 * {@link io.hyphae.runtime.internal.Guardian} of the top level,
 * {@link io.hyphae.runtime.internal.DeadLetters}, {@link io.hyphae.runtime.internal.Asks},
 * the {@link io.hyphae.runtime.internal.MailboxRegistry} and the
 * {@link io.hyphae.runtime.internal.RuntimeCounters}. The shell, JMX and OSGi packages
 * reach it only through {@link io.hyphae.runtime.internal.RuntimeAdmin}.
 *
 * <p>Memory-ordering conventions. Cross-thread state is published through
 * {@link java.lang.invoke.VarHandle}s or volatile fields, never through locks on the
 * message path:
 * <ul>
 * <li>Mailbox offer is a full fence (an atomic swap or CAS) and the cell's status and
 * system-message stack are read and written with volatile semantics, so the
 * "queue then check status" / "publish idle then check queue" pair is a Dekker handshake
 * that never loses a wake-up (see {@link io.hyphae.runtime.internal.CellCore}; jcstress
 * checks it against these classes in {@code src/jcstress}).</li>
 * <li>Everything an actor owns (its instance, children list, watch sets, timers) is
 * confined to the thread running its turn; turns hand over through the status CAS, which
 * orders one turn's writes before the next turn's reads.</li>
 * <li>Counters read by metrics from other threads are written with opaque or volatile
 * stores and may be stale by a turn.</li>
 * </ul>
 */
package io.hyphae.runtime.internal;
