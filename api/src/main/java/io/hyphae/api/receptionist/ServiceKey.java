package io.hyphae.api.receptionist;

import java.util.Objects;

/**
 * A typed name under which actors register with the {@link Receptionist}: the id and the
 * message type together identify the service.
 *
 * @param <M> the message type of the actors registered under it
 */
public final class ServiceKey<M> {

    private final String id;
    private final Class<M> type;

    private ServiceKey(String id, Class<M> type) {
        this.id = id;
        this.type = type;
    }

    /**
     * A key.
     *
     * @param <M> the actors' message type
     * @param id the service's name, not blank
     * @param type the actors' message type
     * @return the key
     * @throws IllegalArgumentException if {@code id} is blank
     */
    public static <M> ServiceKey<M> of(String id, Class<M> type) {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(type, "type");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a service key needs a name");
        }
        return new ServiceKey<>(id, type);
    }

    /**
     * The service's name.
     *
     * @return the id
     */
    public String id() {
        return id;
    }

    /**
     * The registered actors' message type.
     *
     * @return the type
     */
    public Class<M> type() {
        return type;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ServiceKey<?> k && k.id.equals(id) && k.type.equals(type);
    }

    @Override
    public int hashCode() {
        return id.hashCode() * 31 + type.hashCode();
    }

    @Override
    public String toString() {
        return "ServiceKey[" + id + ", " + type.getName() + "]";
    }
}
