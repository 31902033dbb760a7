package ${package};

import io.hyphae.api.Actor;
import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.supervision.DeclaredActor;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * A second declared actor under the same supervisor: it subscribes to the broker's
 * {@value #TOPICS} topics and counts what is published there.
 */
@Component(service = ActorFactory.class, property = {
    DeclaredActor.NAME + "=audit",
    DeclaredActor.SUPERVISOR + "=${artifactId}"})
public final class Audit implements ActorFactory<Object> {

    /** The path the container gives this actor. */
    public static final String PATH = "${artifactId}/audit";
    /** What it listens to: one topic per greeted name. */
    public static final String TOPICS = "greetings/+";

    /**
     * Asks for the number of greetings seen.
     *
     * @param replyTo where the number goes
     */
    public record Count(ActorRef<Integer> replyTo) {
    }

    @Reference
    private MessageBroker broker;

    @Override
    public Actor<Object> create(ActorContext<Object> ctx) {
        broker.subscribe(TOPICS, ctx.self());
        return new Counter();
    }

    /** Counts published names and answers {@link Count}; also for tests. */
    public static final class Counter implements Actor<Object> {
        private int seen;

        @Override
        public void receive(Object message) {
            if (message instanceof Count c) {
                c.replyTo().tell(seen);
            } else {
                seen++;
            }
        }
    }
}
