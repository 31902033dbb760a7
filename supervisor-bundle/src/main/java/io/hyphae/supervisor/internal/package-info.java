/**
 * The supervisor implementation: not exported.
 *
 * <p>A supervisor is an ordinary actor whose children are spawned with lifecycle
 * signals. Everything it does to its children (start, halt for a group restart, stop,
 * wait for a backoff) is a {@code Step} in one queue, run strictly one after another, so
 * the observed order is the OTP order no matter how failures interleave. Restarts keep
 * the child's cell, so its ref and queued messages survive.
 */
package io.hyphae.supervisor.internal;
