/**
 * The runtime's implementation; not exported.
 *
 * <p>Memory-ordering conventions. Cross-thread state is published through
 * {@link java.lang.invoke.VarHandle}s or volatile fields, never through locks on the
 * message path:
 * <ul>
 * <li>Mailbox offer is a full fence (an atomic swap or CAS) and the cell's status and
 * system-message stack are read and written with volatile semantics, so the
 * "queue then check status" / "publish idle then check queue" pair is a Dekker handshake
 * that never loses a wake-up (see {@link io.hyphae.runtime.internal.ActorCell}).</li>
 * <li>Everything an actor owns (its instance, children list, watch sets, timers) is
 * confined to the thread running its turn; turns hand over through the status CAS, which
 * orders one turn's writes before the next turn's reads.</li>
 * <li>Counters read by metrics from other threads are written with opaque or volatile
 * stores and may be stale by a turn.</li>
 * </ul>
 */
package io.hyphae.runtime.internal;
