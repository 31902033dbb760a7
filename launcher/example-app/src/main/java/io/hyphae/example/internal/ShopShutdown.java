package io.hyphae.example.internal;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.shutdown.ShutdownPhase;
import io.hyphae.api.time.Cancellable;
import io.hyphae.example.Shop;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A coordinated-shutdown task of the shop: when the container stops, after the actors
 * drained and before they stop, it asks {@code shop/stock} for its totals and logs them.
 * The task goes when this bundle stops (it is cancelled, and the runtime would cancel it too).
 */
@Component(service = {})
public final class ShopShutdown {

    private static final Logger LOG = LoggerFactory.getLogger(ShopShutdown.class);

    private final Cancellable task;

    /**
     * Made by SCR: adds the task.
     *
     * @param system this bundle's actor system
     */
    @Activate
    public ShopShutdown(@Reference ActorSystem system) {
        task = system.coordinatedShutdown().addTask(ShutdownPhase.STOP_ACTORS, "log the final stock",
                () -> logTotals(system));
    }

    private static CompletionStage<?> logTotals(ActorSystem system) {
        Optional<ActorRef<Object>> stock = system.find("shop/stock");
        if (stock.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        return system.<Object, Map<String, Integer>>ask(stock.get(), Shop.Totals::new, Duration.ofSeconds(2))
                .thenAccept(totals -> LOG.info("final stock totals: {}", new TreeMap<>(totals)));
    }

    @Deactivate
    void deactivate() {
        task.cancel();
    }
}
