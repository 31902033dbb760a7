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
import java.util.ArrayList;
import java.util.List;
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
    private final LiveSupervisors live = new LiveSupervisors();

    /** For SCR and {@code ServiceLoader}. */
    public SupervisionService() {
    }

    @Override
    public Supervisor start(ActorSystem system, String name, SupervisorSpec spec) {
        Objects.requireNonNull(system, "system");
        ActorRef<SupervisorCommand> ref = system.spawn(factory(spec), Objects.requireNonNull(name, "name"));
        return new SupervisorHandle(system, ref, live);
    }

    @Override
    public Supervisor spawn(ActorContext<?> parent, String name, SupervisorSpec spec) {
        Objects.requireNonNull(parent, "parent");
        ActorRef<SupervisorCommand> ref = parent.spawn(factory(spec), Objects.requireNonNull(name, "name"));
        return new SupervisorHandle(parent.system(), ref, live);
    }

    @Override
    public ActorFactory<SupervisorCommand> factory(SupervisorSpec spec) {
        Objects.requireNonNull(spec, "spec");
        return new SupervisorFactory(spec, events, live);
    }

    @Override
    public Supervisor handle(ActorSystem system, ActorRef<SupervisorCommand> supervisor) {
        return new SupervisorHandle(Objects.requireNonNull(system, "system"),
                Objects.requireNonNull(supervisor, "supervisor"), live);
    }

    @Override
    public Subscription subscribe(Consumer<? super SupervisorEvent> listener) {
        return events.subscribe(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public SupervisionMetrics metrics() {
        return events.metrics();
    }

    @Override
    public List<Supervisor> supervisors() {
        List<Supervisor> list = new ArrayList<>();
        for (LiveSupervisors.Entry e : live.entries()) {
            list.add(e.handle());
        }
        return list;
    }

    /** Makes supervisor instances; one per start and restart. */
    static final class SupervisorFactory implements ActorFactory<SupervisorCommand> {
        final SupervisorSpec spec;
        private final EventBus events;
        private final LiveSupervisors live;

        SupervisorFactory(SupervisorSpec spec, EventBus events, LiveSupervisors live) {
            this.spec = spec;
            this.events = events;
            this.live = live;
        }

        @Override
        public SupervisorActor create(ActorContext<SupervisorCommand> context) {
            return new SupervisorActor(context, spec, events, live);
        }
    }
}
