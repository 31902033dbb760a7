package io.hyphae.perf.suite;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.supervision.Supervision;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The {@code perf} command on the module path, against the implementations that
 * {@link ServiceLoader} finds there:
 * <pre>
 * java --module-path DIR --module io.hyphae.perf/io.hyphae.perf.suite.Main [SUITE] [--quick]
 * </pre>
 * Results go to {@code -Dhyphae.perf.results} (default {@code perf-results}). The exit
 * status is 1 if a benchmark failed and 2 for bad arguments.
 */
public final class Main {

    private Main() {
    }

    /**
     * Runs the command.
     *
     * @param args as for {@link Perf}
     * @throws Exception if the system cannot be made or a file cannot be written
     */
    public static void main(String[] args) throws Exception {
        Path results = Path.of(System.getProperty("hyphae.perf.results", "perf-results"));
        int status = 0;
        try (ActorSystem system = ActorSystem.builder().name("perf").build()) {
            Optional<MessageBroker> broker = ServiceLoader.load(io.hyphae.api.broker.spi.BrokerProvider.class)
                    .findFirst().map(p -> MessageBroker.builder(system).build());
            Optional<Supervision> supervision = ServiceLoader.load(Supervision.class).findFirst();
            List<MailboxFactory> mailboxes = ServiceLoader.load(MailboxFactory.class).stream()
                    .map(ServiceLoader.Provider::get).toList();
            List<TopicIndexFactory> indexes = ServiceLoader.load(TopicIndexFactory.class).stream()
                    .map(ServiceLoader.Provider::get).toList();
            Target target = new Target(system, broker, supervision, mailboxes, indexes);
            System.out.print(new Perf(target, results, System.out::println).command(List.of(args)));
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            status = 2;
        } catch (IllegalStateException e) {
            System.err.println(e.getMessage());
            status = 1;
        }
        if (status != 0) {
            System.exit(status);
        }
    }
}
