package io.hyphae.example.internal;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.example.Tour;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
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
     * Runs the tour.
     *
     * @return its report
     * @throws Exception if a step cannot run, or a check failed
     */
    public String tour() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int failed;
        try (PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            failed = Tour.run(system, broker, supervision, out);
        }
        String report = bytes.toString(StandardCharsets.UTF_8);
        if (failed > 0) {
            throw new IllegalStateException(report);
        }
        return report;
    }
}
