package io.hyphae.launcher.itdeployed;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.supervision.DeclaredActor;
import java.time.Duration;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.concurrent.TimeUnit;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Packaged at test time into an application bundle for {@code deploy/}: declares a greeter
 * actor as a service and offers the Gogo command {@code it:greet NAME}, which asks it. A
 * script piped into the container uses the command at once.
 */
public final class GreeterActivator implements BundleActivator {

    /** The greeter's protocol. */
    public record Greet(String name, ActorRef<String> replyTo) {
    }

    /** The Gogo command. */
    public static final class Commands {
        private final ActorSystem system;

        Commands(ActorSystem system) {
            this.system = system;
        }

        /**
         * Asks the declared greeter.
         *
         * @param name whom to greet
         * @return the greeting
         * @throws Exception if the greeter is not there or does not answer
         */
        public String greet(String name) throws Exception {
            ActorRef<Greet> greeter = system.<Greet>find("it-app/greeter").orElseThrow(
                    () -> new IllegalStateException("the greeter is not running yet"));
            return system.<Greet, String>ask(greeter, r -> new Greet(name, r), Duration.ofSeconds(5))
                    .toCompletableFuture().get(5, TimeUnit.SECONDS);
        }
    }

    /** For the framework. */
    public GreeterActivator() {
    }

    @Override
    public void start(BundleContext context) {
        Dictionary<String, Object> declared = new Hashtable<>();
        declared.put(DeclaredActor.NAME, "greeter");
        declared.put(DeclaredActor.SUPERVISOR, "it-app");
        ActorFactory<Object> greeter = ctx -> m -> {
            if (m instanceof Greet g) {
                g.replyTo().tell("hello, " + g.name());
            }
        };
        context.registerService(ActorFactory.class, greeter, declared);
        Dictionary<String, Object> command = new Hashtable<>();
        command.put("osgi.command.scope", "it");
        command.put("osgi.command.function", new String[] {"greet"});
        ActorSystem system = context.getService(context.getServiceReference(ActorSystem.class));
        context.registerService(Object.class, new Commands(system), command);
    }

    @Override
    public void stop(BundleContext context) {
    }
}
