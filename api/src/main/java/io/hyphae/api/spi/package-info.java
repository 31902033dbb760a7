/**
 * Service provider interfaces for runtimes and for the runtime's own extensions. Users
 * need nothing here; a runtime implements {@link io.hyphae.api.spi.ActorSystemProvider}
 * and declares it with {@code provides} in its module descriptor. An actor that stops its
 * children in its own order when asked to stop (a supervisor) implements
 * {@link io.hyphae.api.spi.OrderedShutdown}. Components that build on actors reach the
 * runtime's extensions through {@code unwrap}: a supervisor the
 * {@link io.hyphae.api.spi.ChildControl} of its context, a broker the system's
 * {@link io.hyphae.api.spi.DeadLetterSink}.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.4.0")
package io.hyphae.api.spi;
