package io.hyphae.cluster.nats.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.hyphae.api.ActorRef;
import io.hyphae.cluster.nats.ActorRefResolver;
import io.hyphae.cluster.nats.CodecException;
import io.hyphae.cluster.nats.MessageCodec;
import java.io.IOException;
import java.lang.reflect.Modifier;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSON by Jackson for an allow-list of concrete types. The type name on the wire only
 * selects among the allowed classes; polymorphic typing is never enabled, so the bytes
 * cannot name a class to instantiate. Actor refs inside messages are written as their
 * cluster address once the codec is {@link #bind bound} to a node; unbound, a ref cannot be
 * written.
 */
public final class JsonCodec implements MessageCodec {

    private static final List<Class<?>> JDK_TYPES = List.of(String.class, Integer.class, Long.class, Short.class,
            Byte.class, Double.class, Float.class, Boolean.class, Character.class, BigInteger.class,
            BigDecimal.class, UUID.class);

    private final ObjectMapper mapper;
    private final Map<String, Class<?>> allowed;
    /** Jackson's writer and reader per allowed class, made once. */
    private final Map<Class<?>, ObjectWriter> writers = new ConcurrentHashMap<>();
    private final Map<Class<?>, ObjectReader> readers = new ConcurrentHashMap<>();

    /**
     * A codec for the JDK value types and {@code types}.
     *
     * @param types the application's message types
     */
    public JsonCodec(Class<?>... types) {
        this.allowed = new HashMap<>();
        this.mapper = mapper(null);
        for (Class<?> c : JDK_TYPES) {
            allowed.put(c.getName(), c);
        }
        for (Class<?> c : types) {
            Objects.requireNonNull(c, "allowed type");
            if (c.isInterface() || c.isArray() || c.isPrimitive()
                    || Modifier.isAbstract(c.getModifiers()) && !c.isEnum()) {
                throw new IllegalArgumentException(c.getName()
                        + " cannot be a message type on the wire: give a concrete class, record or enum");
            }
            allowed.put(c.getName(), c);
        }
    }

    private JsonCodec(Map<String, Class<?>> allowed, ActorRefResolver refs) {
        this.allowed = allowed;
        this.mapper = mapper(refs);
    }

    @Override
    public MessageCodec bind(ActorRefResolver refs) {
        return new JsonCodec(allowed, Objects.requireNonNull(refs, "refs"));
    }

    @SuppressWarnings({"rawtypes", "unchecked"})
    private static ObjectMapper mapper(ActorRefResolver refs) {
        SimpleModule m = new SimpleModule("hyphae-actor-refs");
        m.addSerializer(ActorRef.class, new JsonSerializer<ActorRef>() {
            @Override
            public void serialize(ActorRef ref, JsonGenerator g, SerializerProvider p) throws IOException {
                if (refs == null) {
                    throw JsonMappingException.from(g, "an actor ref travels only through a cluster node's codec");
                }
                g.writeString(refs.address(ref));
            }
        });
        m.addDeserializer(ActorRef.class, new JsonDeserializer<ActorRef>() {
            @Override
            public ActorRef deserialize(JsonParser p, DeserializationContext ctx) throws IOException {
                String address = p.getValueAsString();
                if (address == null || refs == null) {
                    throw JsonMappingException.from(p, address == null ? "an actor ref is written as a string"
                            : "an actor ref is read only through a cluster node's codec");
                }
                try {
                    return refs.resolve(address);
                } catch (CodecException e) {
                    throw JsonMappingException.from(p, e.getMessage(), e);
                }
            }
        });
        return new ObjectMapper()
                .registerModule(m)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    @Override
    public Encoded encode(Object message) {
        Objects.requireNonNull(message, "message");
        Class<?> type = message.getClass().isEnum() || message.getClass().getSuperclass() == null
                ? message.getClass() : enumOrSelf(message.getClass());
        if (allowed.get(type.getName()) != type) {
            throw new CodecException("cannot send a " + type.getName() + " to other nodes: the codec allows "
                    + allowed.keySet().stream().sorted().toList());
        }
        try {
            return new Encoded(type.getName(), writers.computeIfAbsent(type, mapper::writerFor).writeValueAsBytes(message));
        } catch (JsonProcessingException e) {
            throw new CodecException("cannot encode a " + type.getName() + ": " + e.getOriginalMessage(), e);
        }
    }

    /** An enum constant with a body is a subclass of its enum: it travels as the enum. */
    private static Class<?> enumOrSelf(Class<?> c) {
        return c.getSuperclass().isEnum() ? c.getSuperclass() : c;
    }

    @Override
    public Object decode(String type, byte[] bytes) {
        Class<?> c = allowed.get(type);
        if (c == null) {
            throw new CodecException("type '" + type + "' is not among those this node decodes");
        }
        try {
            return readers.computeIfAbsent(c, mapper::readerFor).readValue(bytes);
        } catch (IOException e) {
            throw new CodecException("malformed " + type + " (" + bytes.length + " bytes): "
                    + e.getClass().getSimpleName(), e);
        }
    }
}
