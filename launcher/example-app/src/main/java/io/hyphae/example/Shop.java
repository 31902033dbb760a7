package io.hyphae.example;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.Subscription;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.Published;
import java.util.Map;
import java.util.TreeMap;

/**
 * A two-actor shop. {@code orders} takes text such as {@code "apple 3"}, and publishes an
 * {@link Order} on topic {@code shop/orders/<item>}; text it cannot parse makes it fail, so
 * its supervisor restarts it. {@code stock} subscribes to {@code shop/orders/+} and keeps a
 * total per item; told {@code "report"}, it logs the totals.
 */
public final class Shop {

    /** The topic prefix of orders. */
    public static final String TOPIC = "shop/orders";

    private Shop() {
    }

    /**
     * An order.
     *
     * @param item what
     * @param quantity how many, positive
     */
    public record Order(String item, int quantity) {
    }

    /**
     * The orders actor.
     *
     * @param broker where orders are published
     * @return its factory
     */
    public static io.hyphae.api.ActorFactory<String> orders(MessageBroker broker) {
        return ctx -> text -> {
            String[] words = text.trim().split("\\s+");
            if (words.length != 2 || !words[0].matches("[a-z]+")) {
                throw new IllegalArgumentException("expected 'ITEM QUANTITY', got '" + text + "'");
            }
            int quantity = Integer.parseInt(words[1]);
            if (quantity <= 0) {
                throw new IllegalArgumentException("quantity must be positive, got " + quantity);
            }
            int reached = broker.publish(TOPIC + "/" + words[0], new Order(words[0], quantity));
            ctx.log().debug("order {} x{} reached {} subscribers", words[0], quantity, reached);
        };
    }

    /**
     * The stock actor; each instance subscribes when it is made and cancels when it stops
     * or is replaced by a restart, so the totals never count an order twice.
     *
     * @param broker the broker to subscribe to
     * @return its factory
     */
    public static io.hyphae.api.ActorFactory<Object> stock(MessageBroker broker) {
        return (ActorContext<Object> ctx) -> {
            Subscription subscription = broker.subscribeEnvelopes(TOPIC + "/+", ctx.self());
            return new Actor<Object>() {
                private final Map<String, Integer> totals = new TreeMap<>();

                @Override
                public void onStop() {
                    subscription.cancel();
                }

                @Override
                public void receive(Object message) {
                    if (message instanceof Published p && p.message() instanceof Order o) {
                        totals.merge(o.item(), o.quantity(), Integer::sum);
                    } else if ("report".equals(message)) {
                        ctx.log().info("stock totals: {}", totals);
                    } else {
                        ctx.log().warn("stock ignores {}", message);
                    }
                }
            };
        };
    }
}
