package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.OrderedMailboxQueue;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * The runtime's own mailboxes: an unbounded linked MPSC queue and a bounded MPMC array
 * queue. Supports every spec, so the runtime always has a fallback. Ranks 0. A
 * {@code ServiceLoader} provider on the module path; in OSGi also a service, so tools that
 * list or benchmark factories see it beside plug-ins (the runtime uses its own instance
 * either way).
 */
@Component(service = MailboxFactory.class, property = MailboxFactory.NAME_PROPERTY + "=" + BuiltinMailboxFactory.NAME)
public final class BuiltinMailboxFactory implements MailboxFactory {

    /** The factory's name. */
    public static final String NAME = "builtin";

    private static final Set<MailboxCapability> CAPABILITIES =
            Collections.unmodifiableSet(EnumSet.allOf(MailboxCapability.class));

    /** For {@code ServiceLoader} and SCR. */
    public BuiltinMailboxFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<MailboxCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public <E> MailboxQueue<E> create(MailboxSpec spec) {
        if (spec.isOrdered()) {
            return new OrderedMailboxQueue<>(new ArrayMailboxQueue<>(), spec.order());
        }
        return spec.isBounded() ? new BoundedMailboxQueue<>(spec.capacity()) : new ArrayMailboxQueue<>();
    }

    @Override
    public boolean supports(MailboxSpec spec) {
        return true;
    }

    @Override
    public String toString() {
        return NAME;
    }
}
