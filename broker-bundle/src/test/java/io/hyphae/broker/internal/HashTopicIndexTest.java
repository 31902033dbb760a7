package io.hyphae.broker.internal;

import io.hyphae.api.broker.spi.TopicIndexFactory;
import io.hyphae.testkit.tck.TopicIndexContract;

class HashTopicIndexTest extends TopicIndexContract {
    @Override
    protected TopicIndexFactory factory() {
        return new IndexFactories.Hash();
    }
}
