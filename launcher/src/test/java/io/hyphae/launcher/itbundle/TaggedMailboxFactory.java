package io.hyphae.launcher.itbundle;

import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;

/** An unbounded mailbox on {@link ConcurrentLinkedQueue}, ranked above the built-in one. */
public final class TaggedMailboxFactory implements MailboxFactory {

    /** The factory's name. */
    public static final String NAME = "it-tagged";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Set<MailboxCapability> capabilities() {
        return EnumSet.of(MailboxCapability.UNBOUNDED);
    }

    @Override
    public int ranking() {
        return 50;
    }

    @Override
    public <E> MailboxQueue<E> create(MailboxSpec spec) {
        ConcurrentLinkedQueue<E> q = new ConcurrentLinkedQueue<>();
        return new MailboxQueue<>() {
            @Override
            public boolean offer(E element) {
                return q.offer(element);
            }

            @Override
            public E poll() {
                return q.poll();
            }

            @Override
            public boolean isEmpty() {
                return q.isEmpty();
            }

            @Override
            public int size() {
                return q.size();
            }

            @Override
            public int capacity() {
                return MailboxSpec.UNBOUNDED;
            }
        };
    }
}
