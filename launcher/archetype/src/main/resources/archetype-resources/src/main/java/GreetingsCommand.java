package ${package};

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * Gogo commands: {@code app:greet NAME} asks the greeter and publishes the name for the
 * audit; {@code app:audit} asks the audit how many it has seen.
 */
@Component(service = GreetingsCommand.class, property = {
    "osgi.command.scope=app",
    "osgi.command.function=greet",
    "osgi.command.function=audit"})
public final class GreetingsCommand {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    @Reference
    private ActorSystem system;

    @Reference
    private MessageBroker broker;

    /**
     * Greets someone.
     *
     * @param name whom to greet
     * @return the greeting
     * @throws Exception if the greeter does not answer
     */
    public String greet(String name) throws Exception {
        ActorRef<Greeter.Greet> greeter = system.lookup(Greeter.PATH);
        String answer = system.<Greeter.Greet, String>ask(greeter, r -> new Greeter.Greet(name, r), TIMEOUT)
                .toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        broker.publish("greetings/" + name, name);
        return answer;
    }

    /**
     * How many greetings the audit has seen.
     *
     * @return the count, as text
     * @throws Exception if the audit does not answer
     */
    public String audit() throws Exception {
        ActorRef<Object> audit = system.lookup(Audit.PATH);
        int seen = system.<Object, Integer>ask(audit, Audit.Count::new, TIMEOUT)
                .toCompletableFuture().get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        return seen + " greetings";
    }
}
