/**
 * Mailboxes on JCTools queues. Exports nothing: the factory is a {@code MailboxFactory}
 * DS component in OSGi and a {@code ServiceLoader} provider on the module path.
 * JCTools reads {@code sun.misc.Unsafe} but requires {@code jdk.unsupported} only
 * statically, so this module requires it for the JCTools queues to load on the module path.
 */
module io.hyphae.mailbox.jctools {
    requires io.hyphae.api;
    requires org.jctools.core;
    requires jdk.unsupported;
    requires static org.osgi.service.component.annotations;

    provides io.hyphae.api.mailbox.MailboxFactory with io.hyphae.mailbox.jctools.internal.JctoolsMailboxFactory;
}
