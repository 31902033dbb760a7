/**
 * Testing actors and plug-ins: probes, a manual clock, synchronous behaviour tests, a JUnit 5
 * extension, and the contract suites a mailbox or topic-index plug-in runs by subclassing.
 * Needs a runtime ({@code io.hyphae.runtime}) when tests run.
 */
module io.hyphae.testkit {
    requires transitive io.hyphae.api;
    requires transitive org.junit.jupiter.api;
    requires org.slf4j;
    requires static org.osgi.annotation.bundle;
    requires static org.osgi.annotation.versioning;

    exports io.hyphae.testkit;
    exports io.hyphae.testkit.tck;

    // JUnit creates the extension and the contract classes reflectively.
    opens io.hyphae.testkit to org.junit.platform.commons;
    opens io.hyphae.testkit.tck to org.junit.platform.commons;
}
