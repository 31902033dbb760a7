package io.hyphae.cluster.nats;

import io.hyphae.api.ActorRef;
import org.osgi.annotation.versioning.ProviderType;

/**
 * How a node writes actor refs into messages and reads them back, for codecs: a message may
 * carry refs (a reply-to, a subscriber), and the receiving node gets refs that reach the
 * same actors across the cluster. A node hands its resolver to {@link MessageCodec#bind}.
 */
@ProviderType
public interface ActorRefResolver {

    /**
     * The address of a ref, valid on every node of the cluster. A local actor's address
     * stays valid while the actor lives.
     *
     * @param ref a local ref or one this node resolved
     * @return its address
     */
    String address(ActorRef<?> ref);

    /**
     * The ref an address names: a local ref if the actor lives on this node, a remote one
     * otherwise.
     *
     * @param address an address {@link #address} made on some node of the cluster
     * @return the ref
     * @throws CodecException if the text is not an address
     */
    ActorRef<?> resolve(String address);
}
