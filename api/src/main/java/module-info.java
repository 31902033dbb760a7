/**
 * Hyphae's API: actors, the actor system, mailbox plug-ins and the system provider SPI.
 * Implementations are found through {@link java.util.ServiceLoader} on the module path
 * and through OSGi services in a container.
 */
module io.hyphae.api {
    requires transitive org.slf4j;
    requires static org.osgi.annotation.bundle;
    requires static org.osgi.annotation.versioning;

    exports io.hyphae.api;
    exports io.hyphae.api.mailbox;
    exports io.hyphae.api.dispatch;
    exports io.hyphae.api.spi;
    exports io.hyphae.api.time;
    exports io.hyphae.api.receptionist;
    exports io.hyphae.api.routing;
    exports io.hyphae.api.shutdown;
    exports io.hyphae.api.supervision;
    exports io.hyphae.api.broker;
    exports io.hyphae.api.broker.spi;

    uses io.hyphae.api.spi.ActorSystemProvider;
    uses io.hyphae.api.supervision.Supervision;
    uses io.hyphae.api.broker.spi.BrokerProvider;
}
