/**
 * The cluster on NATS: {@link io.hyphae.cluster.nats.NatsCluster} connects a system's broker
 * to a NATS server and carries the topics marked cluster-wide to every other node, exports
 * actors under cluster-wide names and hands out refs to them that work like local ones;
 * {@link io.hyphae.cluster.nats.MessageCodec} turns messages into bytes and back, decoding
 * only the types the application allowed.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.1.0")
package io.hyphae.cluster.nats;
