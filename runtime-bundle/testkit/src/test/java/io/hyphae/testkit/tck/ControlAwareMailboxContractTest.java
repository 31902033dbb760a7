package io.hyphae.testkit.tck;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.hyphae.api.mailbox.ControlMessage;
import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.runtime.internal.ControlAwareMailboxFactory;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The runtime's control-aware mailboxes pass the mailbox TCK (unbounded only), and control
 * messages come out before ordinary ones, each kind in its own order.
 */
class ControlAwareMailboxContractTest extends MailboxQueueContract {

    record Urgent(int n) implements ControlMessage {
    }

    @Override
    protected MailboxFactory factory() {
        return new ControlAwareMailboxFactory();
    }

    @Override
    protected Set<MailboxCapability> capabilities() {
        return EnumSet.of(MailboxCapability.UNBOUNDED);
    }

    @Test
    void controlMessagesJumpTheQueueAndKeepTheirOrder() {
        MailboxQueue<Object> q = factory().create(MailboxSpec.unbounded());
        q.offer("a");
        q.offer(new Urgent(1));
        q.offer("b");
        q.offer(new Urgent(2));
        assertEquals(4, q.size());
        List<Object> out = new ArrayList<>();
        q.drain(out::add, 3);
        out.add(q.poll());
        assertEquals(List.of(new Urgent(1), new Urgent(2), "a", "b"), out);
    }
}
