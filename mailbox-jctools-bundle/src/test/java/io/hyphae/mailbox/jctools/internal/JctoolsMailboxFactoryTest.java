package io.hyphae.mailbox.jctools.internal;

import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.runtime.testkit.MailboxQueueContract;

class JctoolsMailboxFactoryTest extends MailboxQueueContract {

    @Override
    protected MailboxFactory factory() {
        return new JctoolsMailboxFactory();
    }
}
