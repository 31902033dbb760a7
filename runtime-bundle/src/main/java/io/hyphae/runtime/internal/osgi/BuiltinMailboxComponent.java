package io.hyphae.runtime.internal.osgi;

import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.runtime.internal.BuiltinMailboxFactory;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Publishes the built-in mailbox factory as a service, so tools that list or benchmark
 * factories see it beside plug-ins. The runtime uses its own instance either way.
 */
@Component(service = MailboxFactory.class, property = "hyphae.mailbox.name=" + BuiltinMailboxFactory.NAME)
public final class BuiltinMailboxComponent implements MailboxFactory {

    private final BuiltinMailboxFactory delegate = new BuiltinMailboxFactory();

    /** For SCR. */
    public BuiltinMailboxComponent() {
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public Set<MailboxCapability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public <E> MailboxQueue<E> create(MailboxSpec spec) {
        return delegate.create(spec);
    }

    @Override
    public boolean supports(MailboxSpec spec) {
        return true;
    }
}
