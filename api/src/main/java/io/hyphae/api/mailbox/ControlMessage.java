package io.hyphae.api.mailbox;

import java.util.Comparator;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Marks a message that jumps the queue in a control-aware mailbox (the runtime's
 * {@code control-aware} factory, chosen with {@code SpawnOptions.withMailboxFactory}): it is
 * handled before every ordinary message not yet taken from the mailbox. Control messages
 * keep their order among themselves, as ordinary ones do. In other mailboxes it is an
 * ordinary message, unless the mailbox is {@linkplain MailboxSpec#ordered ordered} by
 * {@link #first()}.
 */
@ConsumerType
public interface ControlMessage {

    /**
     * The control-aware order as a comparator: control messages before the others, each
     * kind in arrival order. {@code MailboxSpec.ordered(ControlMessage.first())} gives that
     * order on every factory that makes ordered mailboxes (the built-in and the JCTools
     * one), at the cost of a heap; the {@code control-aware} factory is cheaper but only
     * built in.
     *
     * @return the comparator
     */
    static Comparator<Object> first() {
        return (a, b) -> Boolean.compare(!(a instanceof ControlMessage), !(b instanceof ControlMessage));
    }
}
