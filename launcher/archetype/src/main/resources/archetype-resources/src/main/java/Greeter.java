package ${package};

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.supervision.DeclaredActor;
import org.osgi.service.component.annotations.Component;

/**
 * A declared actor: the container's supervisor bundle starts it under the supervisor
 * "${artifactId}" while this bundle runs, restarts it when it fails, and stops it with the
 * bundle. It answers {@link Greet} with a greeting.
 */
@Component(service = ActorFactory.class, property = {
    DeclaredActor.NAME + "=greeter",
    DeclaredActor.SUPERVISOR + "=${artifactId}"})
public final class Greeter implements ActorFactory<Greeter.Greet> {

    /** The path the container gives this actor. */
    public static final String PATH = "${artifactId}/greeter";

    /**
     * Asks for a greeting.
     *
     * @param name whom to greet
     * @param replyTo where the greeting goes
     */
    public record Greet(String name, ActorRef<String> replyTo) {
    }

    @Override
    public Actor<Greet> create(ActorContext<Greet> ctx) {
        return actor(ctx);
    }

    /**
     * The actor itself, also for tests.
     *
     * @param ctx its context
     * @return the actor
     */
    public static Actor<Greet> actor(ActorContext<Greet> ctx) {
        return greet -> greet.replyTo().tell("hello, " + greet.name());
    }
}
