package io.hyphae.broker.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Subscription;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The broker's defects of the reliability audit (issue 22, numbers 5 and 17). */
class BrokerAuditRegressionTest {

    private ActorSystem system;
    /** Every termination stage the broker asked for. */
    private final List<CompletableFuture<?>> stages = new CopyOnWriteArrayList<>();
    private Broker broker;

    @BeforeEach
    void start() {
        system = ActorSystem.builder().name("broker-audit").dispatcherThreads(2).build();
        ActorSystem counting = (ActorSystem) Proxy.newProxyInstance(ActorSystem.class.getClassLoader(),
                new Class<?>[] {ActorSystem.class}, (proxy, method, args) -> {
                    try {
                        Object result = method.invoke(system, args);
                        if (method.getName().equals("whenTerminated")) {
                            stages.add(((CompletionStage<?>) result).toCompletableFuture());
                        }
                        return result;
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        broker = new Broker(counting, List.of(new IndexFactories.Hash()), null);
    }

    @AfterEach
    void stop() {
        system.close();
    }

    private long watching() {
        return stages.stream().filter(f -> !f.isDone()).count();
    }

    @Test
    void d05ResubscribingKeepsOneWatchPerActor() {
        ActorRef<Object> sub = system.spawnAnonymous(ctx -> m -> { });
        for (int i = 0; i < 300; i++) {
            Subscription a = broker.subscribe("a/+", sub);
            Subscription b = broker.subscribe("b/#", sub);
            a.cancel();
            b.cancel();
        }
        assertEquals(0, watching(), "an actor with no subscription is not watched");
        broker.subscribe("a/+", sub);
        assertEquals(1, watching());
    }

    @Test
    void d17OnceTerminationIsObservableTheSubscriptionsAreGone() throws Exception {
        for (int i = 0; i < 300; i++) {
            ActorRef<Object> sub = system.spawnAnonymous(ctx -> m -> { });
            broker.subscribe("t/" + i, sub);
            system.stop(sub);
            system.whenTerminated(sub).toCompletableFuture().get(5, TimeUnit.SECONDS);
            assertEquals(0, broker.publish("t/" + i, "late"), "round " + i + ": a stopped subscriber still matched");
        }
    }
}
