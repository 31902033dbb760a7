/**
 * Topic publish/subscribe between actors: {@link io.hyphae.api.broker.MessageBroker},
 * patterns ({@link io.hyphae.api.broker.TopicPattern}) with single-level ({@code +}),
 * multi-level ({@code #}) and named ({@code {name}}) wildcards, and request/reply.
 *
 * <p>Threads: every method may be called from any thread. A publish delivers on the
 * caller's thread straight into the subscribers' mailboxes; per publisher and subscriber,
 * order is FIFO. A subscription made (or cancelled) while a publish runs may or may not
 * see that publish.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.hyphae.api.broker;
