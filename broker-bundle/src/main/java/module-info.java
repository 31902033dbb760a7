/**
 * Hyphae's topic broker. Exports nothing: the {@code io.hyphae.api.broker.MessageBroker}
 * is a DS component in OSGi and made by {@code MessageBroker.builder} on the module path;
 * the hash and tree indexes are {@code TopicIndexFactory} providers in both worlds.
 */
module io.hyphae.broker {
    requires transitive io.hyphae.api;
    requires org.slf4j;
    requires java.management;
    requires static org.osgi.service.component.annotations;

    // The MXBean interface, for the JMX introspector only.
    exports io.hyphae.broker.internal.jmx to java.management;

    uses io.hyphae.api.broker.spi.TopicIndexFactory;

    provides io.hyphae.api.broker.spi.BrokerProvider with io.hyphae.broker.internal.ModulePathBrokerProvider;
    provides io.hyphae.api.broker.spi.TopicIndexFactory
            with io.hyphae.broker.internal.IndexFactories.Hash, io.hyphae.broker.internal.IndexFactories.Tree;
}
