package io.hyphae.supervisor.internal;

import io.hyphae.api.ActorContext;
import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.Subscription;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.api.supervision.SupervisionMetrics;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorCommand;
import io.hyphae.api.supervision.SupervisorEvent;
import io.hyphae.api.supervision.SupervisorSpec;
import java.util.Objects;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/**
 * The supervision service: a DS component in OSGi, a {@code ServiceLoader} provider on the
 * module path. Stateless apart from event counts and listeners.
 */
@Component(service = Supervision.class)
public final class SupervisionService implements Supervision {

    private final EventBus events = new EventBus();

    /** For SCR and {@code ServiceLoader}. */
    public SupervisionService() {
    }

    @Override
    public Supervisor start(ActorSystem system, String name, SupervisorSpec spec) {
        Objects.requireNonNull(system, "system");
        ActorRef<SupervisorCommand> ref = system.spawn(factory(spec), Objects.requireNonNull(name, "name"));
        return new SupervisorHandle(system, ref);
    }

    @Override
    public Supervisor spawn(ActorContext<?> parent, String name, SupervisorSpec spec) {
        Objects.requireNonNull(parent, "parent");
        ActorRef<SupervisorCommand> ref = parent.spawn(factory(spec), Objects.requireNonNull(name, "name"));
        return new SupervisorHandle(parent.system(), ref);
    }

    @Override
    public ActorFactory<SupervisorCommand> factory(SupervisorSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return new SupervisorFactory(spec, events);
    }

    @Override
    public Supervisor handle(ActorSystem system, ActorRef<SupervisorCommand> supervisor) {
        return new SupervisorHandle(Objects.requireNonNull(system, "system"),
                Objects.requireNonNull(supervisor, "supervisor"));
    }

    @Override
    public Subscription subscribe(Consumer<? super SupervisorEvent> listener) {
        return events.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public SupervisionMetrics metrics() {
        return events.metrics();
    }

    /** Makes supervisor instances; one per start and restart. */
    static final class SupervisorFactory implements ActorFactory<SupervisorCommand> {
        final SupervisorSpec spec;
        private final EventBus events;

        SupervisorFactory(SupervisorSpec spec, EventBus events) {
            this.spec = spec;
            this.events = events;
        }

        @Override
        public SupervisorActor create(ActorContext<SupervisorCommand> context) {
            return new SupervisorActor(context, spec, events);
        }
    }
}
