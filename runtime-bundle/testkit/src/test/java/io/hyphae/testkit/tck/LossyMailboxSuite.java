package io.hyphae.testkit.tck;

import io.hyphae.api.mailbox.MailboxCapability;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.mailbox.MailboxQueue;
import io.hyphae.api.mailbox.MailboxSpec;
import io.hyphae.runtime.internal.BuiltinMailboxFactory;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A deliberately broken mailbox under the TCK: its queues accept every offer but silently
 * drop one message in 1,000. Run only by {@link ContractCatchesBrokenPluginsTest} (the name
 * keeps the build's test scan away from it).
 */
public class LossyMailboxSuite extends MailboxQueueContract {

    @Override
    protected MailboxFactory factory() {
        return new Lossy();
    }

    @Override
    protected Set<MailboxCapability> capabilities() {
        return EnumSet.of(MailboxCapability.UNBOUNDED, MailboxCapability.BOUNDED);
    }

    /** The built-in factory with a queue that loses messages. */
    static final class Lossy implements MailboxFactory {
        private final MailboxFactory inner = new BuiltinMailboxFactory();

        @Override
        public String name() {
            return "lossy";
        }

        @Override
        public Set<MailboxCapability> capabilities() {
            return EnumSet.of(MailboxCapability.UNBOUNDED, MailboxCapability.BOUNDED);
        }

        @Override
        public <T> MailboxQueue<T> create(MailboxSpec spec) {
            MailboxQueue<T> q = inner.create(spec);
            AtomicLong offers = new AtomicLong();
            return new MailboxQueue<>() {
                @Override
                public boolean offer(T message) {
                    return offers.incrementAndGet() % 1000 == 0 || q.offer(message);
                }

                @Override
                public T poll() {
                    return q.poll();
                }

                @Override
                public int drain(Consumer<? super T> sink, int limit) {
                    return q.drain(sink, limit);
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
                    return q.capacity();
                }
            };
        }
    }
}
