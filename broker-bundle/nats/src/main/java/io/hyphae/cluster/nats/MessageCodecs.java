package io.hyphae.cluster.nats;

import io.hyphae.cluster.nats.internal.JsonCodec;

/** The built-in codecs. */
public final class MessageCodecs {

    private MessageCodecs() {
    }

    /**
     * JSON through Jackson (no Java serialization). Always allowed: {@code String}, the boxed
     * primitives, {@code BigInteger}, {@code BigDecimal} and {@code UUID}. Besides those it
     * encodes and decodes only the given classes, typically records and enums; their
     * fields are read by their declared types, never by a type name from the wire.
     *
     * @param allowed the application's message types
     * @return the codec
     * @throws IllegalArgumentException if a class is an interface, abstract, or an array
     */
    public static MessageCodec json(Class<?>... allowed) {
        return new JsonCodec(allowed);
    }
}
