package io.hyphae.broker.internal.jmx;

import java.util.List;

/**
 * The broker over JMX, as {@code io.hyphae:type=Broker}. Values are read when asked.
 */
public interface BrokerMXBean {

    /** @return the topic index in use */
    String getIndex();

    /** @return the topic indexes available */
    List<String> getIndexes();

    /** @return publishes since start */
    long getPublished();

    /** @return deliveries to subscribers since start */
    long getDelivered();

    /** @return publishes no subscriber matched */
    long getUnrouted();

    /** @return live subscriptions */
    int getSubscriptions();

    /** @return index switches since start */
    long getIndexSwitches();

    /**
     * Switches the topic index, moving every subscription.
     *
     * @param name the index's name
     */
    void useIndex(String name);
}
