/**
 * Hyphae across JVMs on NATS: broker topics marked cluster-wide are carried over NATS
 * subjects between nodes, encoded by a {@link io.hyphae.cluster.nats.MessageCodec}.
 * Application packages whose records a JSON codec decodes must be open to
 * {@code com.fasterxml.jackson.databind}. In OSGi a DS component joins the container's
 * broker to the cluster when ConfigAdmin holds its configuration.
 */
module io.hyphae.cluster.nats {
    requires transitive io.hyphae.api;
    requires io.nats.jnats;
    requires com.fasterxml.jackson.databind;
    requires org.slf4j;
    requires java.management;
    requires static org.osgi.annotation.bundle;
    requires static org.osgi.annotation.versioning;
    requires static org.osgi.service.component.annotations;

    exports io.hyphae.cluster.nats;
    opens io.hyphae.cluster.nats.internal to com.fasterxml.jackson.databind;
    // The MXBean interface, for the JMX introspector only.
    exports io.hyphae.cluster.nats.internal.jmx to java.management;
}
