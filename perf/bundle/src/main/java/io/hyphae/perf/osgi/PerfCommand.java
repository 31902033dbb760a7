package io.hyphae.perf.osgi;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.perf.suite.Perf;
import io.hyphae.perf.suite.Target;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * The shell command {@code hyphae:perf}: the benchmark suite against whatever is deployed
 * now. Results go to the framework property {@code hyphae.perf.results}, else
 * {@code results} under {@code hyphae.home}, else {@code results} in the working folder.
 */
@Component(service = PerfCommand.class, property = {"osgi.command.scope=hyphae", "osgi.command.function=perf"})
public final class PerfCommand {

    @Reference
    private ActorSystem system;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile MessageBroker broker;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Supervision supervision;

    @Reference(service = MailboxFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<MailboxFactory> mailboxes;

    @Reference(service = TopicIndexFactory.class, cardinality = ReferenceCardinality.MULTIPLE,
            policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile List<TopicIndexFactory> indexes;

    private Path results;
    private BundleContext context;

    /** For SCR. */
    public PerfCommand() {
    }

    @Activate
    void activate(BundleContext context) {
        this.context = context;
        String configured = context.getProperty("hyphae.perf.results");
        String home = context.getProperty("hyphae.home");
        results = configured != null ? Path.of(configured)
                : home != null ? Path.of(home, "results") : Path.of("results");
    }

    /**
     * Runs the whole suite.
     *
     * @return the summary
     * @throws Exception if a benchmark failed or a file could not be written
     */
    public String perf() throws Exception {
        return run(List.of());
    }

    /**
     * {@code perf SUITE}, {@code perf --quick} or {@code perf list}.
     *
     * @param a the argument
     * @return the summary
     * @throws Exception if a benchmark failed or a file could not be written
     */
    public String perf(String a) throws Exception {
        return run(List.of(a));
    }

    /**
     * {@code perf SUITE --quick} or {@code perf list SUITE}.
     *
     * @param a the first argument
     * @param b the second argument
     * @return the summary
     * @throws Exception if a benchmark failed or a file could not be written
     */
    public String perf(String a, String b) throws Exception {
        return run(List.of(a, b));
    }

    /**
     * {@code perf compare BASE NEW}.
     *
     * @param a the first argument
     * @param b the second argument
     * @param c the third argument
     * @return the comparison
     * @throws Exception if a file cannot be read
     */
    public String perf(String a, String b, String c) throws Exception {
        return run(List.of(a, b, c));
    }

    /**
     * Runs the command, printing progress to {@code System.out}, which Gogo routes to the
     * session that runs the command.
     */
    private String run(List<String> args) throws Exception {
        Target target = new Target(system, Optional.ofNullable(broker), Optional.ofNullable(supervision),
                mailboxes == null ? List.of() : mailboxes, indexes == null ? List.of() : indexes,
                Optional.of(new ContextBundles(context)));
        return new Perf(target, results, System.out::println).command(args);
    }
}
