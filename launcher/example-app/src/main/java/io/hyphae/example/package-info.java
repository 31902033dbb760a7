/**
 * An example application: the Hyphae tour, and a small shop whose actors are declared as
 * services (see {@link io.hyphae.api.supervision.DeclaredActor}).
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.hyphae.example;
