package io.hyphae.example.internal;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.example.Shop;
import io.hyphae.example.Tour;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The shell commands {@code example:tour} and {@code example:stock}. */
@Component(service = TourCommand.class, property = {"osgi.command.scope=example", "osgi.command.function=tour",
    "osgi.command.function=stock"})
public final class TourCommand {

    @Reference
    private ActorSystem system;
    @Reference
    private MessageBroker broker;
    @Reference
    private Supervision supervision;

    /** For SCR. */
    public TourCommand() {
    }

    /**
     * Runs the tour, printing each step as it happens. Gogo routes a command's
     * {@code System.out} to the session that runs it.
     *
     * @throws Exception if a step cannot run, or a check failed
     */
    public void tour() throws Exception {
        int failed = Tour.run(system, broker, supervision, System.out);
        if (failed > 0) {
            throw new IllegalStateException(failed + " checks of the tour failed");
        }
    }

    /**
     * Asks the shop for its stock totals, through {@code shop/orders}, so the answer counts
     * every order told to it before.
     *
     * @return the totals by item
     * @throws Exception if the actor is missing or the stock does not answer within 5 s
     */
    public String stock() throws Exception {
        ActorRef<Object> orders = system.<Object>find("shop/orders")
                .orElseThrow(() -> new IllegalStateException("no actor shop/orders"));
        Map<String, Integer> totals = system.<Object, Map<String, Integer>>ask(orders, Shop.Totals::new,
                Duration.ofSeconds(5)).toCompletableFuture().get();
        return "stock totals: " + new TreeMap<>(totals);
    }
}
