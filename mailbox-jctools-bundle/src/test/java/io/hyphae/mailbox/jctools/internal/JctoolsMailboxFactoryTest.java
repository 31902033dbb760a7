package io.hyphae.mailbox.jctools.internal;

import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.testkit.tck.MailboxQueueContract;
import java.util.EnumSet;
import java.util.Set;

class JctoolsMailboxFactoryTest extends MailboxQueueContract {

    @Override
    protected MailboxFactory factory() {
        return new JctoolsMailboxFactory();
    }

    @Override
    protected Set<MailboxCapability> capabilities() {
        return EnumSet.allOf(MailboxCapability.class);
    }
}
