package io.hyphae.example;

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorRef;
import io.hyphae.api.Subscription;
import io.hyphae.api.Upgradable;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.Published;
import java.util.Map;
import java.util.TreeMap;

/**
 * A two-actor shop. {@code orders} takes text such as {@code "apple 3"}, and publishes an
 * {@link Order} on topic {@code shop/orders/<item>}; text it cannot parse makes it fail, so
 * its supervisor restarts it. A {@link Totals} request told to {@code orders} travels the
 * orders' own way to the stock, so its answer counts every order told before it. {@code stock} subscribes to {@code shop/orders/+} and keeps a
 * total per item; told {@code "report"}, it logs the totals.
 */
public final class Shop {

    /** The topic prefix of orders. */
    public static final String TOPIC = "shop/orders";
    /** The topic a {@link Totals} request goes on: no item is spelled this way. */
    public static final String TOTALS_TOPIC = TOPIC + "/_totals";

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
    public static io.hyphae.api.ActorFactory<Object> orders(MessageBroker broker) {
        return ctx -> message -> {
            if (message instanceof Totals t) {
                // Behind the orders already published: the stock answers after counting them.
                broker.publish(TOTALS_TOPIC, t);
                return;
            }
            if (!(message instanceof String text)) {
                throw new IllegalArgumentException("expected 'ITEM QUANTITY' or Totals, got " + message);
            }
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
     * Asks the stock actor for its totals.
     *
     * @param replyTo where the totals go, by item
     */
    public record Totals(ActorRef<Map<String, Integer>> replyTo) {
    }

    /**
     * The stock actor. Each instance subscribes when it starts and cancels when it stops or
     * is replaced by a restart, so the totals never count an order twice. It survives a code
     * upgrade (a bundle update) with its totals and its subscription, and converts orders
     * published by the replaced code.
     *
     * @param broker the broker to subscribe to
     * @return its factory
     */
    public static io.hyphae.api.ActorFactory<Object> stock(MessageBroker broker) {
        return ctx -> new Stock(ctx, broker);
    }

    private static final class Stock implements Actor<Object>, Upgradable {
        private final ActorContext<Object> ctx;
        private final MessageBroker broker;
        private final Map<String, Integer> totals = new TreeMap<>();
        private Subscription subscription;

        Stock(ActorContext<Object> ctx, MessageBroker broker) {
            this.ctx = ctx;
            this.broker = broker;
        }

        @Override
        public void onStart() {
            subscription = broker.subscribeEnvelopes(TOPIC + "/+", ctx.self());
        }

        @Override
        public void onStop() {
            if (subscription != null) {
                subscription.cancel();
            }
        }

        @Override
        public void receive(Object message) {
            if (message instanceof Published p && p.message() instanceof Order o) {
                totals.merge(o.item(), o.quantity(), Integer::sum);
            } else if (message instanceof Published p && p.message() instanceof Totals t) {
                t.replyTo().tell(Map.copyOf(totals));
            } else if (message instanceof Totals t) {
                t.replyTo().tell(Map.copyOf(totals));
            } else if ("report".equals(message)) {
                ctx.log().info("stock totals: {}", totals);
            } else {
                ctx.log().warn("stock ignores {}", message);
            }
        }

        /** Hands over the totals and the subscription, in JDK and API types. */
        @Override
        public Object exportState() {
            return Map.of("totals", new TreeMap<>(totals), "subscription", subscription);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void importState(Object state, String fromVersion, String toVersion) {
            if (state instanceof Map<?, ?> m && m.get("subscription") instanceof Subscription s) {
                totals.putAll((Map<String, Integer>) m.get("totals"));
                subscription = s; // the same ref stays subscribed: no gap, no double count
            } else {
                onStart();
            }
            ctx.log().info("stock upgraded from '{}' to '{}' with totals {}", fromVersion, toVersion, totals);
        }

        /** An order or a totals request published by the replaced code: same fields, read by name. */
        @Override
        public Object convertMessage(Object message) throws Exception {
            if (message instanceof Published p) {
                Object old = p.message();
                if (old.getClass().getSimpleName().equals("Totals")) {
                    @SuppressWarnings("unchecked")
                    ActorRef<Map<String, Integer>> replyTo =
                            (ActorRef<Map<String, Integer>>) old.getClass().getMethod("replyTo").invoke(old);
                    return new Published(p.topic(), p.pattern(), new Totals(replyTo));
                }
                String item = (String) old.getClass().getMethod("item").invoke(old);
                int quantity = (Integer) old.getClass().getMethod("quantity").invoke(old);
                return new Published(p.topic(), p.pattern(), new Order(item, quantity));
            }
            return null;
        }
    }
}
