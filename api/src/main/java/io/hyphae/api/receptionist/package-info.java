/**
 * The receptionist: find actors by typed service key instead of by path. Actors register
 * under a {@link io.hyphae.api.receptionist.ServiceKey}; others look up or subscribe to the
 * {@link io.hyphae.api.receptionist.Listing} of a key, which follows registrations, their
 * cancellation and the registered actors' termination.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.hyphae.api.receptionist;
