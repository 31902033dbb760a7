package io.hyphae.api.broker.spi;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes brokers on the module path; implemented by the broker module and found with
 * {@link java.util.ServiceLoader} by {@link MessageBroker#builder}.
 */
@ConsumerType
public interface BrokerProvider {

    /**
     * Makes a broker.
     *
     * @param system the actor system
     * @param index the index name to use, or null for the best ranked
     * @param indexes factories besides those the provider finds itself
     * @return the broker
     */
    MessageBroker create(ActorSystem system, String index, List<TopicIndexFactory> indexes);
}
