/**
 * Hyphae's actor runtime. Exports nothing: it is reached through the API's
 * {@code ActorSystem.builder()} on the module path and the {@code ActorSystem} service in
 * OSGi. The OSGi modules are optional; without them the DS component is never loaded.
 */
module io.hyphae.runtime {
    requires transitive io.hyphae.api;
    requires org.slf4j;
    requires java.management;
    requires static org.osgi.framework;
    requires static org.osgi.service.component.annotations;

    // The MXBean interface, for the JMX introspector only.
    exports io.hyphae.runtime.internal.jmx to java.management;

    uses io.hyphae.api.mailbox.MailboxFactory;
    uses io.hyphae.api.dispatch.DispatcherFactory;

    provides io.hyphae.api.spi.ActorSystemProvider with io.hyphae.runtime.internal.HyphaeRuntimeProvider;
    provides io.hyphae.api.mailbox.MailboxFactory with io.hyphae.runtime.internal.BuiltinMailboxFactory,
            io.hyphae.runtime.internal.ControlAwareMailboxFactory;
}
