package io.hyphae.broker.internal;

import io.hyphae.api.broker.spi.TopicIndex;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import org.osgi.service.component.annotations.Component;

/** The two built-in topic indexes, as DS components and ServiceLoader providers. */
public final class IndexFactories {

    private IndexFactories() {
    }

    /** {@link HashTopicIndex}: the default. */
    @Component(service = TopicIndexFactory.class, property = TopicIndexFactory.NAME_PROPERTY + "=hash")
    public static final class Hash implements TopicIndexFactory {

        /** The name. */
        public static final String NAME = "hash";

        /** For SCR and ServiceLoader. */
        public Hash() {
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public int ranking() {
            return 100;
        }

        @Override
        public <S> TopicIndex<S> create() {
            return new HashTopicIndex<>();
        }
    }

    /** {@link TreeTopicIndex}. */
    @Component(service = TopicIndexFactory.class, property = TopicIndexFactory.NAME_PROPERTY + "=tree")
    public static final class Tree implements TopicIndexFactory {

        /** The name. */
        public static final String NAME = "tree";

        /** For SCR and ServiceLoader. */
        public Tree() {
        }

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public int ranking() {
            return 50;
        }

        @Override
        public <S> TopicIndex<S> create() {
            return new TreeTopicIndex<>();
        }
    }
}
