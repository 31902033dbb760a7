package io.hyphae.perf.suite;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.broker.MessageBroker;
import io.hyphae.api.broker.spi.TopicIndexFactory;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.supervision.Supervision;
import io.hyphae.perf.workload.BundleHost;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the suite measures: a running system and the implementations deployed beside it.
 * Benchmarks whose service is missing are left out, and the summary says so.
 *
 * @param system the actor system
 * @param broker the message broker, if one is deployed
 * @param supervision the supervision service, if one is deployed
 * @param mailboxes every mailbox factory; each actor benchmark runs once per factory
 * @param indexes every topic index factory; the lookup benchmark runs once per index
 * @param bundles installs and updates bundles, in a container only; the bundle-update
 *        benchmark needs it
 */
public record Target(ActorSystem system, Optional<MessageBroker> broker, Optional<Supervision> supervision,
        List<MailboxFactory> mailboxes, List<TopicIndexFactory> indexes, Optional<BundleHost> bundles) {

    /**
     * A target outside a container.
     *
     * @param system the actor system
     * @param broker the broker, if any
     * @param supervision the supervision service, if any
     * @param mailboxes the mailbox factories
     * @param indexes the topic index factories
     */
    public Target(ActorSystem system, Optional<MessageBroker> broker, Optional<Supervision> supervision,
            List<MailboxFactory> mailboxes, List<TopicIndexFactory> indexes) {
        this(system, broker, supervision, mailboxes, indexes, Optional.empty());
    }

    /**
     * Checks the arguments and copies the lists.
     *
     * @param system the actor system
     * @param broker the broker, if any
     * @param supervision the supervision service, if any
     * @param mailboxes the mailbox factories
     * @param indexes the topic index factories
     * @param bundles the bundle host, if in a container
     */
    public Target {
        Objects.requireNonNull(system, "system");
        Objects.requireNonNull(broker, "broker");
        Objects.requireNonNull(supervision, "supervision");
        Objects.requireNonNull(bundles, "bundles");
        mailboxes = List.copyOf(mailboxes);
        indexes = List.copyOf(indexes);
    }

    /** @return the names of the factories that make unbounded mailboxes, by ranking and then name */
    List<String> mailboxNames() {
        return usableMailboxes().stream()
                .sorted((a, b) -> a.ranking() != b.ranking() ? Integer.compare(b.ranking(), a.ranking())
                        : a.name().compareTo(b.name()))
                .map(MailboxFactory::name).distinct().toList();
    }

    /** @return the factories that make the unbounded mailboxes every benchmark uses */
    List<MailboxFactory> usableMailboxes() {
        return mailboxes.stream().filter(f -> f.supports(MailboxSpec.unbounded())).toList();
    }
}
