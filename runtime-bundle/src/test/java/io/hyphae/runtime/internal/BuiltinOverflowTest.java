package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.runtime.testkit.MailboxOverflowContract;

class BuiltinOverflowTest extends MailboxOverflowContract {

    @Override
    protected MailboxFactory factory() {
        return new BuiltinMailboxFactory();
    }
}
