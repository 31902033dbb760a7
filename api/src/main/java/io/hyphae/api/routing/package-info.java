/**
 * Routers: one {@link io.hyphae.api.ActorRef} in front of many actors. A pool supervises N
 * workers of its own and can be resized while it runs; a group routes over the actors the
 * receptionist lists under a key. A router routes on the sender's thread, with no extra hop,
 * by a {@link io.hyphae.api.routing.RoutingLogic}: round robin, random, smallest mailbox,
 * consistent hashing by a key, or broadcast.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.hyphae.api.routing;
