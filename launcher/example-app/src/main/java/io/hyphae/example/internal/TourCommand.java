package io.hyphae.example.internal;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.example.Tour;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/** The shell command {@code example:tour}. */
@Component(service = TourCommand.class, property = {"osgi.command.scope=example", "osgi.command.function=tour"})
public final class TourCommand {

    @Reference
    private ActorSystem system;
    @Reference
    private MessageBroker broker;
    @Reference
    private Supervision supervision;

    /** For SCR. */
    public TourCommand() {
    }

    /**
     * Runs the tour, printing each step as it happens. Gogo routes a command's
     * {@code System.out} to the session that runs it.
     *
     * @throws Exception if a step cannot run, or a check failed
     */
    public void tour() throws Exception {
        int failed = Tour.run(system, broker, supervision, System.out);
        if (failed > 0) {
            throw new IllegalStateException(failed + " checks of the tour failed");
        }
    }
}
