package io.hyphae.cluster.nats;

import java.util.Objects;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Turns messages into bytes for other nodes and back. A codec decodes only types the
 * application allowed; anything else is a {@link CodecException}, which the receiving node
 * turns into a dead letter ({@code UNDECODABLE}) instead of a message for its actors.
 * Actor refs inside messages travel as addresses (see {@link ActorRefResolver}).
 */
@ConsumerType
public interface MessageCodec {

    /**
     * Encodes a message.
     *
     * @param message the message
     * @return its type's name and its bytes
     * @throws CodecException if the message's type is not allowed or cannot be written
     */
    Encoded encode(Object message);

    /**
     * Decodes bytes another node encoded.
     *
     * @param type the type name that came with them
     * @param bytes the bytes
     * @return the message
     * @throws CodecException if the type is not allowed or the bytes are malformed
     */
    Object decode(String type, byte[] bytes);

    /**
     * This codec for one node, which writes the actor refs inside messages with
     * {@code refs} and reads them back with it. A node binds its codec when it connects.
     * The default returns this codec unchanged, for codecs whose messages carry no refs.
     *
     * @param refs the node's resolver
     * @return a codec that carries refs
     */
    default MessageCodec bind(ActorRefResolver refs) {
        return this;
    }

    /**
     * An encoded message.
     *
     * @param type the type's name, which the decoding side looks up among those it allows
     * @param bytes the encoded message
     */
    record Encoded(String type, byte[] bytes) {
        /**
         * Checks the fields.
         *
         * @param type not null
         * @param bytes not null
         */
        public Encoded {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(bytes, "bytes");
        }
    }
}
