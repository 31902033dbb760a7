package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.runtime.testkit.MailboxQueueContract;

class BuiltinMailboxFactoryTest extends MailboxQueueContract {

    @Override
    protected MailboxFactory factory() {
        return new BuiltinMailboxFactory();
    }
}
