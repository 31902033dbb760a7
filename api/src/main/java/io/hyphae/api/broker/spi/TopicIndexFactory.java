package io.hyphae.api.broker.spi;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes topic indexes: an OSGi service (with service property {@value #NAME_PROPERTY}) and a
 * {@link java.util.ServiceLoader} provider. The broker uses the one named in its
 * configuration, else the best ranked.
 */
@ConsumerType
public interface TopicIndexFactory {

    /** The service property carrying the index name. */
    String NAME_PROPERTY = "hyphae.index.name";

    /**
     * A short unique name, such as {@code hash} or {@code tree}.
     *
     * @return the name
     */
    String name();

    /**
     * Preference when nothing is configured: the highest wins.
     *
     * @return the ranking
     */
    int ranking();

    /**
     * Makes an empty index.
     *
     * @param <S> the subscription type
     * @return the index
     */
    <S> TopicIndex<S> create();
}
