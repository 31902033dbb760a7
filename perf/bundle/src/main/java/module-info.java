/**
 * Hyphae's in-container benchmarks: the {@code hyphae:perf} shell command runs a short
 * suite against whatever runtime, mailboxes, broker and indexes are deployed, and writes
 * JSON plus a chart. On the module path, {@code io.hyphae.perf.suite.Main} runs the same
 * suite against the implementations found by {@link java.util.ServiceLoader}. Exports
 * nothing; the OSGi modules are optional.
 */
module io.hyphae.perf {
    requires io.hyphae.api;
    requires org.slf4j;
    requires java.management;
    requires static org.osgi.framework;
    requires static org.osgi.service.component.annotations;
    requires static org.osgi.annotation.bundle;
    requires static org.osgi.annotation.versioning;

    uses io.hyphae.api.mailbox.MailboxFactory;
    uses io.hyphae.api.broker.spi.TopicIndexFactory;
    uses io.hyphae.api.broker.spi.BrokerProvider;
    uses io.hyphae.api.supervision.Supervision;
}
