package io.hyphae.testkit.tck;

import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.runtime.internal.BuiltinMailboxFactory;

/** The four overflow policies on the built-in bounded mailboxes. */
class BuiltinOverflowContractTest extends MailboxOverflowContract {

    @Override
    protected MailboxFactory factory() {
        return new BuiltinMailboxFactory();
    }
}
