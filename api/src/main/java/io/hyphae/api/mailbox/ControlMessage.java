package io.hyphae.api.mailbox;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Marks a message that jumps the queue in a control-aware mailbox (the runtime's
 * {@code control-aware} factory, chosen with {@code SpawnOptions.withMailboxFactory}): it is
 * handled before every ordinary message not yet taken from the mailbox. Control messages
 * keep their order among themselves, as ordinary ones do. In other mailboxes it is an
 * ordinary message.
 */
@ConsumerType
public interface ControlMessage {
}
