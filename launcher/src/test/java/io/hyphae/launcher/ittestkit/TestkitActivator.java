package io.hyphae.launcher.ittestkit;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.supervision.DeclaredActor;
import io.hyphae.api.supervision.Strategy;
import io.hyphae.api.supervision.SupervisorSpec;
import io.hyphae.testkit.ActorTestKit;
import io.hyphae.testkit.TestProbe;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packaged at test time into an application bundle: it declares an actor as a service, as
 * applications do, and tests it from inside the container with the testkit bundle
 * ({@code ActorTestKit.on} the container's system, a probe, an expected dead letter and a
 * final verify). The outcome is offered as a {@code Callable} service for the IT to read.
 */
public final class TestkitActivator implements BundleActivator {

    /** What the declared greeter answers. */
    public record Greet(String name, ActorRef<String> replyTo) {
    }

    private final CompletableFuture<String> outcome = new CompletableFuture<>();

    /** For the framework. */
    public TestkitActivator() {
    }

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> declared = new Hashtable<>();
        declared.put(DeclaredActor.NAME, "greeter");
        declared.put(DeclaredActor.SUPERVISOR, "it-testkit");
        ActorFactory<Object> greeter = ctx -> m -> {
            if (m instanceof Greet g) {
                g.replyTo().tell("hello, " + g.name());
            } else if ("boom".equals(m)) {
                throw new IllegalStateException("boom by design");
            }
        };
        declared.put(DeclaredActor.FAILURE_LOGGING, "false");
        context.registerService(ActorFactory.class, greeter, declared);
        ActorSystem system = context.getService(context.getServiceReference(ActorSystem.class));
        Thread t = new Thread(() -> {
            try {
                outcome.complete(check(context, system));
            } catch (Throwable e) {
                outcome.completeExceptionally(e);
            }
        }, "it-testkit-check");
        t.setDaemon(true);
        t.start();
        Dictionary<String, Object> marker = new Hashtable<>();
        marker.put("hyphae.it", "testkit");
        Callable<String> result = () -> outcome.get(60, TimeUnit.SECONDS);
        context.registerService(Callable.class, result, marker);
    }

    private static String check(BundleContext context, ActorSystem system) {
        try (ActorTestKit kit = ActorTestKit.on(system)) {
            TestProbe<String> probe = kit.createProbe();
            ActorTestKit.awaitAssert(Duration.ofSeconds(30), () -> {
                if (system.find("it-testkit/greeter").isEmpty()) {
                    throw new AssertionError("the declared greeter has not started yet");
                }
            });
            Optional<ActorRef<Object>> greeter = system.find("it-testkit/greeter");
            greeter.orElseThrow().tell(new Greet("felix", probe.ref()));
            probe.expectMessage("hello, felix");
            probe.expectNoMessage(Duration.ofMillis(50));

            ActorRef<String> gone = kit.spawn(ctx -> m -> { });
            kit.stop(gone);
            gone.tell("after the end");
            kit.expectDeadLetter("after the end");

            // The application gives its group a spec of its own: no restart allowed. The group
            // restarts with it; a failure then takes the group down, and it starts again later.
            ActorRef<Object> before = system.<Object>find("it-testkit/greeter").orElseThrow();
            Dictionary<String, Object> spec = new Hashtable<>();
            spec.put(DeclaredActor.GROUP_SPEC, "it-testkit");
            context.registerService(SupervisorSpec.class,
                    SupervisorSpec.of(Strategy.ONE_FOR_ONE).withIntensity(0, Duration.ofMinutes(1)), spec);
            ActorTestKit.awaitAssert(Duration.ofSeconds(30), () -> {
                Optional<ActorRef<Object>> now = system.find("it-testkit/greeter");
                if (now.isEmpty() || now.get().equals(before)) {
                    throw new AssertionError("the group has not restarted under the application's spec");
                }
            });
            ActorRef<Object> under = system.<Object>find("it-testkit/greeter").orElseThrow();
            TestProbe<Object> watcher = kit.createProbe("watcher");
            under.tell("boom");
            watcher.expectTerminated(under, Duration.ofSeconds(10));
            ActorTestKit.awaitAssert(Duration.ofSeconds(30), () -> {
                Optional<ActorRef<Object>> again = system.find("it-testkit/greeter");
                if (again.isEmpty() || again.get().equals(under)) {
                    throw new AssertionError("the failed group has not started again");
                }
            });
            kit.verify();
            return "passed";
        }
    }

    @Override
    public void stop(BundleContext context) {
    }
}
