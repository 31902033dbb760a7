/**
 * The broker and its two topic indexes. Not exported.
 *
 * <p>Memory ordering: index structures are written by one thread at a time (the broker's
 * lock) and read by publishers without locks. Subscription arrays are copy-on-write and
 * published through volatile fields; trie children live in concurrent maps; the broker
 * publishes a new index with one volatile write after filling it.
 */
package io.hyphae.broker.internal;
