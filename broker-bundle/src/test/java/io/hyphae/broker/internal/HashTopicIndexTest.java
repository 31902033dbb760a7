package io.hyphae.broker.internal;

import io.hyphae.api.broker.spi.TopicIndexFactory;

class HashTopicIndexTest extends TopicIndexContractTest {
    @Override
    TopicIndexFactory factory() {
        return new IndexFactories.Hash();
    }
}
