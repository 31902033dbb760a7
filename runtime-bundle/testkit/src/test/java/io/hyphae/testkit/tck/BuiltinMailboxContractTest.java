package io.hyphae.testkit.tck;

import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.runtime.internal.BuiltinMailboxFactory;
import java.util.EnumSet;
import java.util.Set;

/** The runtime's built-in mailboxes pass the mailbox TCK with every capability. */
class BuiltinMailboxContractTest extends MailboxQueueContract {

    @Override
    protected MailboxFactory factory() {
        return new BuiltinMailboxFactory();
    }

    @Override
    protected Set<MailboxCapability> capabilities() {
        return EnumSet.allOf(MailboxCapability.class);
    }
}
