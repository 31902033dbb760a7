package io.hyphae.api.broker;

/**
 * Counters of one broker since it started.
 *
 * @param index the name of the topic index in use
 * @param published messages published
 * @param delivered deliveries into subscribers' mailboxes (one publish can make many)
 * @param unrouted publishes that matched no subscriber (each also a dead letter)
 * @param subscriptions live subscriptions
 * @param indexSwitches times the broker moved its subscriptions to another index
 */
public record BrokerMetrics(String index, long published, long delivered, long unrouted, int subscriptions,
        long indexSwitches) {
}
