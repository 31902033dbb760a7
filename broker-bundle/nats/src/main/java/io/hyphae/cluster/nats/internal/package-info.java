/** The NATS bridge: subject mapping, the cluster-aware broker and the JSON codec. Private. */
package io.hyphae.cluster.nats.internal;
