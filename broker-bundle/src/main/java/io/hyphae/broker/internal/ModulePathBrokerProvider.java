package io.hyphae.broker.internal;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.spi.BrokerProvider;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.ServiceLoader;

/**
 * Makes brokers on the module path: the given index factories plus every
 * {@link TopicIndexFactory} that {@link ServiceLoader} finds (the built-in hash and tree
 * indexes among them).
 */
public final class ModulePathBrokerProvider implements BrokerProvider {

    /** For ServiceLoader. */
    public ModulePathBrokerProvider() {
    }

    @Override
    public MessageBroker create(ActorSystem system, String index, List<TopicIndexFactory> indexes) {
        List<TopicIndexFactory> all = new ArrayList<>(indexes);
        ServiceLoader.load(TopicIndexFactory.class, ModulePathBrokerProvider.class.getClassLoader())
                .forEach(all::add);
        if (all.isEmpty()) {
            all.add(new IndexFactories.Hash());
            all.add(new IndexFactories.Tree());
        }
        return new Broker(system, all, index);
    }
}
