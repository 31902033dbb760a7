package io.hyphae.mailbox.jctools.internal;

import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.testkit.tck.MailboxOverflowContract;

class JctoolsOverflowTest extends MailboxOverflowContract {

    @Override
    protected MailboxFactory factory() {
        return new JctoolsMailboxFactory();
    }
}
