package io.hyphae.runtime.internal;

import io.hyphae.api.mailbox.ControlMessage;
import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import org.osgi.service.component.annotations.Component;

/**
 * Unbounded mailboxes in which {@link ControlMessage}s jump the queue: two queues, the
 * control messages' looked at before each ordinary message is taken. The price is a poll
 * per message instead of the built-in mailbox's batch drain. Ranks -10, so the runtime never picks it by itself; an
 * actor asks for it by name ({@value #NAME}). Registered as the built-in factory is: a
 * {@code ServiceLoader} provider, and a service in OSGi.
 */
@Component(service = MailboxFactory.class,
        property = MailboxFactory.NAME_PROPERTY + "=" + ControlAwareMailboxFactory.NAME)
public final class ControlAwareMailboxFactory implements MailboxFactory {

    /** The factory's name. */
    public static final String NAME = "control-aware";

    private static final Set<MailboxCapability> CAPABILITIES =
            Collections.unmodifiableSet(EnumSet.of(MailboxCapability.UNBOUNDED));

    /** For {@code ServiceLoader} and SCR. */
    public ControlAwareMailboxFactory() {
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
    public int ranking() {
        return -10;
    }

    @Override
    public <E> MailboxQueue<E> create(MailboxSpec spec) {
        if (!supports(spec)) {
            throw new IllegalArgumentException("the " + NAME + " mailbox is unbounded only; " + spec + " asks for more");
        }
        return new ControlAwareQueue<>();
    }

    @Override
    public String toString() {
        return NAME;
    }

    /** Control messages in a queue of their own, taken before the ordinary ones. */
    static final class ControlAwareQueue<E> implements MailboxQueue<E> {
        private final ConcurrentLinkedQueue<E> control = new ConcurrentLinkedQueue<>();
        private final ArrayMailboxQueue<E> ordinary = new ArrayMailboxQueue<>();

        @Override
        public boolean offer(E element) {
            return element instanceof ControlMessage ? control.offer(element) : ordinary.offer(element);
        }

        @Override
        public E poll() {
            E e = control.poll();
            return e != null ? e : ordinary.poll();
        }

        /**
         * One message at a time, looking at the control queue before each: a control message
         * that arrives while a batch is being handled goes next, not after the batch.
         */
        @Override
        public int drain(Consumer<? super E> sink, int limit) {
            int n = 0;
            while (n < limit) {
                E e = control.poll();
                if (e == null && (e = ordinary.poll()) == null) {
                    break;
                }
                sink.accept(e);
                n++;
            }
            return n;
        }

        @Override
        public boolean isEmpty() {
            return control.isEmpty() && ordinary.isEmpty();
        }

        @Override
        public int size() {
            return control.size() + ordinary.size();
        }

        @Override
        public int capacity() {
            return ordinary.capacity();
        }
    }
}
