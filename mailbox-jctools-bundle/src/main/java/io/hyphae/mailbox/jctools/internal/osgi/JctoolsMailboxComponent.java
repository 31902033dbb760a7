package io.hyphae.mailbox.jctools.internal.osgi;

import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.mailbox.jctools.internal.JctoolsMailboxFactory;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/** Registers the JCTools mailbox factory as a service. */
@Component(service = MailboxFactory.class, property = {"hyphae.mailbox.name=" + JctoolsMailboxFactory.NAME,
    "service.ranking:Integer=" + JctoolsMailboxFactory.RANKING})
public final class JctoolsMailboxComponent implements MailboxFactory {

    private final JctoolsMailboxFactory delegate = new JctoolsMailboxFactory();

    /** For SCR. */
    public JctoolsMailboxComponent() {
    }

    @Override
    public String name() {
        return delegate.name();
    }

    @Override
    public int ranking() {
        return delegate.ranking();
    }

    @Override
    public Set<MailboxCapability> capabilities() {
        return delegate.capabilities();
    }

    @Override
    public boolean supports(MailboxSpec spec) {
        return delegate.supports(spec);
    }

    @Override
    public <E> MailboxQueue<E> create(MailboxSpec spec) {
        return delegate.create(spec);
    }
}
