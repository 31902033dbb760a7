/**
 * The broker's plug-in points: {@link io.hyphae.api.broker.spi.TopicIndex} (made by a
 * {@link io.hyphae.api.broker.spi.TopicIndexFactory} service) and, on the module path,
 * {@link io.hyphae.api.broker.spi.BrokerProvider}.
 *
 * <p>An index is written by one thread at a time and read by many: see
 * {@link io.hyphae.api.broker.spi.TopicIndex} for the exact contract. A broker switches
 * index by copying its subscriptions into a fresh one, so an index never needs to support
 * migration itself.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.hyphae.api.broker.spi;
