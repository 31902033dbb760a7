package io.hyphae.broker.internal.osgi;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Subscription;
import io.hyphae.api.broker.BrokerMetrics;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.Published;
import io.hyphae.api.broker.spi.BrokerBridge;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import io.hyphae.broker.internal.Broker;
import io.hyphae.broker.internal.jmx.BrokerMBean;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The container's broker: configured from ConfigAdmin PID {@value MessageBroker#PID}
 * (key {@value MessageBroker#INDEX_KEY}), tracking {@link TopicIndexFactory} services and
 * switching index, with every subscription, when the configuration or the services change.
 * Immediate, so its subscriptions survive times without users. Published over JMX as
 * {@code io.hyphae:type=Broker}.
 */
@Component(immediate = true, service = MessageBroker.class, configurationPid = MessageBroker.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL)
public final class BrokerComponent implements MessageBroker {

    private final List<TopicIndexFactory> factories = new CopyOnWriteArrayList<>();
    private volatile Broker broker;
    private BrokerMBean mbean;

    @Reference
    private ActorSystem system;

    /** For SCR. */
    public BrokerComponent() {
    }

    @Reference(service = TopicIndexFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addIndex(TopicIndexFactory factory) {
        synchronized (factories) {
            factories.add(factory);
            Broker b = broker;
            if (b != null) {
                b.addIndex(factory);
            }
        }
    }

    void removeIndex(TopicIndexFactory factory) {
        synchronized (factories) {
            factories.remove(factory);
            Broker b = broker;
            if (b != null) {
                b.removeIndex(factory);
            }
        }
    }

    @Activate
    void activate(Map<String, Object> properties) {
        synchronized (factories) {
            broker = new Broker(system, factories, null);
            broker.configure(indexName(properties));
        }
        mbean = BrokerMBean.register(this);
    }

    @Modified
    void modified(Map<String, Object> properties) {
        broker.configure(indexName(properties));
    }

    @Deactivate
    void deactivate() {
        if (mbean != null) {
            mbean.unregister();
            mbean = null;
        }
        broker = null;
    }

    private static String indexName(Map<String, Object> properties) {
        Object v = properties.get(INDEX_KEY);
        if (v == null) {
            return null;
        }
        String s = v.toString().trim();
        return s.isEmpty() ? null : s;
    }

    @Override
    public int publish(String topic, Object message) {
        return broker.publish(topic, message);
    }

    @Override
    public Subscription subscribe(String pattern, ActorRef<?> subscriber) {
        return broker.subscribe(pattern, subscriber);
    }

    @Override
    public Subscription subscribeEnvelopes(String pattern, ActorRef<? super Published> subscriber) {
        return broker.subscribeEnvelopes(pattern, subscriber);
    }

    @Override
    public <Q, R> CompletionStage<R> request(String topic, Function<ActorRef<R>, Q> request, Duration timeout) {
        return broker.request(topic, request, timeout);
    }

    @Override
    public Subscription bridge(BrokerBridge bridge) {
        return broker.bridge(bridge);
    }

    @Override
    public void useIndex(String indexName) {
        broker.useIndex(indexName);
    }

    @Override
    public List<String> indexes() {
        return broker.indexes();
    }

    @Override
    public Map<String, List<String>> subscriptions() {
        return broker.subscriptions();
    }

    @Override
    public BrokerMetrics metrics() {
        return broker.metrics();
    }
}
