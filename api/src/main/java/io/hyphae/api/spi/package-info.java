/**
 * Service provider interfaces for runtimes. Users need nothing here; a runtime
 * implements {@link io.hyphae.api.spi.ActorSystemProvider} and declares it with
 * {@code provides} in its module descriptor.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("0.1.0")
package io.hyphae.api.spi;
