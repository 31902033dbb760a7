package io.hyphae.api.mailbox;

import java.util.Set;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes mailbox queues. Registered as an OSGi service (with service property
 * {@value #NAME_PROPERTY}), or declared with {@code provides} on the module path. See the
 * package description for the thread contract.
 */
@ConsumerType
public interface MailboxFactory {

    /** The service property that carries {@link #name()} in OSGi. */
    String NAME_PROPERTY = "hyphae.mailbox.name";

    /**
     * A short, unique name such as {@code builtin} or {@code jctools}.
     *
     * @return the name
     */
    String name();

    /**
     * What this factory can make.
     *
     * @return the capabilities
     */
    Set<MailboxCapability> capabilities();

    /**
     * Makes an empty queue for one actor. Called for every actor spawned, so keep the
     * empty queue small and allocate storage lazily.
     *
     * @param <E> the element type
     * @param spec the shape; {@link #supports} is true for it
     * @return a new queue with capacity {@code spec.capacity()}
     */
    <E> MailboxQueue<E> create(MailboxSpec spec);

    /**
     * Preference among factories: higher wins. The built-in factory ranks 0.
     *
     * @return the ranking
     */
    default int ranking() {
        return 0;
    }

    /**
     * Whether this factory can make a queue of the given shape.
     *
     * @param spec the shape
     * @return true if {@link #capabilities()} covers it
     */
    default boolean supports(MailboxSpec spec) {
        return capabilities().containsAll(spec.requiredCapabilities());
    }
}
