/**
 * The mailbox plug-in point.
 *
 * <p>A {@link io.hyphae.api.mailbox.MailboxFactory} makes one
 * {@link io.hyphae.api.mailbox.MailboxQueue} per actor. The queue is only storage: the
 * runtime keeps the actor's scheduling state, system messages and overflow policy
 * itself, so a queue needs no knowledge of actors.
 *
 * <p><b>Threads.</b> {@code offer} is called by any number of threads at once. {@code poll},
 * {@code drain} and {@code isEmpty} are called by one consumer thread at a time (the
 * runtime guarantees this through the actor's scheduling state), except that queues made
 * for {@link io.hyphae.api.mailbox.Overflow#DROP_OLDEST} also get {@code poll} from
 * producers evicting the oldest message, so a factory offers that only with
 * {@link io.hyphae.api.mailbox.MailboxCapability#CONCURRENT_POLL}. {@code size} may be
 * called from any thread and may be stale.
 *
 * <p><b>Ordering.</b> Elements offered by one thread are polled in the order offered; a
 * completed {@code offer} happens-before the {@code poll} that returns its element.
 *
 * <p><b>Not supported.</b> Null elements, iteration, removal of arbitrary elements.
 *
 * <p><b>Selection.</b> New actors use the highest {@link io.hyphae.api.mailbox.MailboxFactory#ranking()}
 * factory that supports the requested {@link io.hyphae.api.mailbox.MailboxSpec}, unless
 * a factory is named. The runtime's built-in factory supports every spec, so removing a
 * plug-in falls back to it.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.hyphae.api.mailbox;
