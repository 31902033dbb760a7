/**
 * Mailboxes on JCTools queues. Not exported.
 *
 * <p>Queue choice, by measurement (see perf/README.md): the unpadded variants, because an
 * actor's queue is mostly idle and the padded ones cost 400 to 800 bytes each before the
 * first message.
 * <ul>
 * <li>Unbounded: {@code MpscUnboundedUnpaddedArrayQueue} with small linked chunks; one
 * array per chunk instead of one node per message.
 * <li>Bounded, single consumer (REJECT, DROP_NEWEST, BLOCK): {@code MpscChunkedUnpaddedArrayQueue},
 * which grows chunk by chunk up to the capacity, so an idle bounded mailbox stays small.
 * <li>Bounded, DROP_OLDEST: producers evict from the head, so the queue must take
 * concurrent polls: {@code MpmcUnpaddedArrayQueue}, allocated whole.
 * </ul>
 *
 * <p>JCTools array queues have power-of-two capacities. A bounded mailbox keeps its exact
 * capacity with a count of permits: an offer takes one (CAS, failing at the capacity)
 * before it enqueues, and a poll returns one after it dequeues, so the queue never holds
 * more than the capacity and the underlying offer always finds room.
 *
 * <p>Memory ordering: the JCTools queues publish elements with release stores and read
 * them with acquire loads; the permit count is a plain CAS counter that orders nothing
 * else.
 */
package io.hyphae.mailbox.jctools.internal;
