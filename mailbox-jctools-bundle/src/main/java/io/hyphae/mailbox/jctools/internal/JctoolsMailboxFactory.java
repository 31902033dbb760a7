package io.hyphae.mailbox.jctools.internal;

import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.api.mailbox.OrderedMailboxQueue;
import io.hyphae.api.mailbox.Overflow;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import org.osgi.service.component.annotations.Component;

/**
 * Mailboxes on JCTools queues, for every spec. Ranks {@value #RANKING}, above the
 * built-in factory (0), so new actors use it while it is deployed. A DS component in OSGi
 * and a {@code ServiceLoader} provider on the module path.
 */
@Component(service = MailboxFactory.class, property = {MailboxFactory.NAME_PROPERTY + "=" + JctoolsMailboxFactory.NAME,
    "service.ranking:Integer=" + JctoolsMailboxFactory.RANKING})
public final class JctoolsMailboxFactory implements MailboxFactory {

    /** The factory's name. */
    public static final String NAME = "jctools";

    /** Ranking among mailbox factories. */
    public static final int RANKING = 10;

    private static final Set<MailboxCapability> CAPABILITIES =
            Collections.unmodifiableSet(EnumSet.allOf(MailboxCapability.class));

    /** For {@code ServiceLoader} and SCR. */
    public JctoolsMailboxFactory() {
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public int ranking() {
        return RANKING;
    }

    @Override
    public Set<MailboxCapability> capabilities() {
        return CAPABILITIES;
    }

    @Override
    public boolean supports(MailboxSpec spec) {
        return true;
    }

    @Override
    public <E> MailboxQueue<E> create(MailboxSpec spec) {
        Objects.requireNonNull(spec, "spec");
        if (spec.isOrdered()) {
            return new OrderedMailboxQueue<>(new UnboundedJctoolsQueue<>(), spec.order());
        }
        if (!spec.isBounded()) {
            return new UnboundedJctoolsQueue<>();
        }
        return spec.overflow() == Overflow.DROP_OLDEST
                ? BoundedJctoolsQueue.multiConsumer(spec.capacity())
                : BoundedJctoolsQueue.singleConsumer(spec.capacity());
    }

    @Override
    public String toString() {
        return NAME;
    }
}
