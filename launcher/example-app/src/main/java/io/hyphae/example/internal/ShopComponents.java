package io.hyphae.example.internal;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.supervision.DeclaredActor;
import io.hyphae.example.Shop;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The shop's actors, declared as {@link ActorFactory} services: the supervisor bundle
 * starts them under supervisor {@code shop}, and stops them when this bundle stops.
 */
public final class ShopComponents {

    private ShopComponents() {
    }

    /** {@code shop/orders}: parses orders and publishes them. */
    @Component(service = ActorFactory.class, property = {DeclaredActor.NAME + "=orders",
        DeclaredActor.SUPERVISOR + "=shop"})
    public static final class Orders implements ActorFactory<Object> {
        private final ActorFactory<Object> factory;

        /**
         * Made by SCR.
         *
         * @param broker where orders go
         */
        @Activate
        public Orders(@Reference MessageBroker broker) {
            this.factory = Shop.orders(broker);
        }

        @Override
        public Actor<Object> create(ActorContext<Object> context) throws Exception {
            return factory.create(context);
        }
    }

    /** {@code shop/stock}: totals per item. */
    @Component(service = ActorFactory.class, property = {DeclaredActor.NAME + "=stock",
        DeclaredActor.SUPERVISOR + "=shop"})
    public static final class Stock implements ActorFactory<Object> {
        private final ActorFactory<Object> factory;

        /**
         * Made by SCR.
         *
         * @param broker the broker it subscribes to
         */
        @Activate
        public Stock(@Reference MessageBroker broker) {
            this.factory = Shop.stock(broker);
        }

        @Override
        public Actor<Object> create(ActorContext<Object> context) throws Exception {
            return factory.create(context);
        }
    }
}
