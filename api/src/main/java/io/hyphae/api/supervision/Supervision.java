package io.hyphae.api.supervision;

import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.HyphaeException;
import io.hyphae.api.Subscription;
import java.util.List;
import java.util.ServiceLoader;
import java.util.function.Consumer;
import org.osgi.annotation.versioning.ProviderType;

/**
 * Makes supervisors. An OSGi service in a container; {@link #load()} on the module path.
 */
@ProviderType
public interface Supervision {

    /**
     * Starts a top-level supervisor: a root of a tree. Its children start in order before
     * it handles any command.
     *
     * @param system the system
     * @param name the supervisor's actor name
     * @param spec what it does
     * @return a handle
     * @throws io.hyphae.api.DuplicateActorNameException if the name is taken
     */
    Supervisor start(ActorSystem system, String name, SupervisorSpec spec);

    /**
     * Spawns a supervisor as a child of an actor; it escalates to that actor.
     *
     * @param parent the parent's context, used on the parent's turn
     * @param name the supervisor's actor name
     * @param spec what it does
     * @return a handle
     */
    Supervisor spawn(ActorContext<?> parent, String name, SupervisorSpec spec);

    /**
     * A factory for nesting a supervisor as a child of another one
     * ({@link ChildSpec#supervisor}).
     *
     * @param spec what it does
     * @return the factory
     */
    ActorFactory<SupervisorCommand> factory(SupervisorSpec spec);

    /**
     * A handle on a supervisor actor, such as a nested one found by its ref. Keep the
     * handle: each one watches the supervisor to fail its replies when it terminates.
     *
     * @param system the supervisor's system
     * @param supervisor a ref to a supervisor made by this service
     * @return the handle
     */
    Supervisor handle(ActorSystem system, ActorRef<SupervisorCommand> supervisor);

    /**
     * Receives every event of every supervisor, on the supervisor's thread: keep the
     * listener short and non-blocking. Exceptions it throws are logged and ignored.
     *
     * @param listener the listener
     * @return cancels the subscription
     */
    Subscription subscribe(Consumer<? super SupervisorEvent> listener);

    /**
     * Event counts so far.
     *
     * @return the counts
     */
    SupervisionMetrics metrics();

    /**
     * The supervisors this service started that have not terminated, oldest first: for
     * tools such as the shell's {@code hyphae:supervisors}.
     *
     * @return handles of the live supervisors
     */
    List<Supervisor> supervisors();

    /**
     * Finds the implementation with {@link ServiceLoader}, for use on the module path.
     *
     * @return the first implementation found
     * @throws HyphaeException if none is present
     */
    static Supervision load() {
        return ServiceLoader.load(Supervision.class, Supervision.class.getClassLoader()).findFirst()
                .or(() -> ServiceLoader.load(Supervision.class).findFirst())
                .orElseThrow(() -> new HyphaeException("no io.hyphae.api.supervision.Supervision implementation "
                        + "found; put the io.hyphae.supervisor module on the module path"));
    }
}
