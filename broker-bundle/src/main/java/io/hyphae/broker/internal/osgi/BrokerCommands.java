package io.hyphae.broker.internal.osgi;

import io.hyphae.api.broker.BrokerMetrics;
import io.hyphae.api.broker.MessageBroker;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * The broker's Gogo commands, {@code hyphae:broker}, {@code hyphae:index} and
 * {@code hyphae:publish}. Each returns
 * the text to print; a bad argument throws {@link IllegalArgumentException} naming what
 * exists.
 */
@Component(service = BrokerCommands.class,
        property = {"osgi.command.scope=hyphae", "osgi.command.function=broker", "osgi.command.function=index",
            "osgi.command.function=publish"})
public final class BrokerCommands {

    private static final int MAX_ROWS = 500;

    @Reference
    private MessageBroker broker;

    /** For SCR. */
    public BrokerCommands() {
    }

    /**
     * The broker: its index, counters and subscriptions.
     *
     * @return the text
     */
    public String broker() {
        BrokerMetrics m = broker.metrics();
        StringBuilder sb = new StringBuilder();
        field(sb, "index", m.index());
        field(sb, "indexes", String.join(", ", broker.indexes()));
        field(sb, "published", m.published());
        field(sb, "delivered", m.delivered());
        field(sb, "unrouted", m.unrouted());
        field(sb, "subscriptions", m.subscriptions());
        field(sb, "index switches", m.indexSwitches());
        sb.append('\n').append("PATTERN -> SUBSCRIBERS\n");
        int rows = 0;
        for (Map.Entry<String, List<String>> e : new TreeMap<>(broker.subscriptions()).entrySet()) {
            if (rows++ == MAX_ROWS) {
                sb.append("(the first ").append(MAX_ROWS).append(" patterns shown)\n");
                break;
            }
            sb.append(e.getKey()).append(" -> ").append(String.join(", ", e.getValue())).append('\n');
        }
        return sb.toString();
    }

    private static void field(StringBuilder sb, String name, Object value) {
        sb.append(String.format("%-15s %s%n", name, value));
    }

    /**
     * Publishes the words, joined by spaces, as one string.
     *
     * @param topic a topic without wildcards
     * @param words the text
     * @return how many local subscribers got it
     */
    public String publish(String topic, String... words) {
        int n = broker.publish(topic.trim(), String.join(" ", words));
        return "published to " + topic.trim() + ": " + n + " local subscriber" + (n == 1 ? "" : "s") + "\n";
    }

    /**
     * Switches the broker to another topic index, moving every subscription.
     *
     * @param name the index's name
     * @return the outcome
     */
    public String index(String name) {
        String n = name.trim();
        if (!broker.indexes().contains(n)) {
            throw new IllegalArgumentException("no topic index named '" + n + "'; available: " + broker.indexes());
        }
        broker.useIndex(n);
        return "broker now uses index '" + broker.metrics().index() + "' with " + broker.metrics().subscriptions()
                + " subscriptions\n";
    }
}
