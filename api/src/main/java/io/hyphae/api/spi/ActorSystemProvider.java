package io.hyphae.api.spi;

import io.hyphae.api.ActorSystem;
import io.hyphae.api.ActorSystemConfig;
import io.hyphae.api.dispatch.DispatcherFactory;
import io.hyphae.api.mailbox.MailboxFactory;
import io.hyphae.api.time.ActorClock;
import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * Creates actor systems; implemented by the runtime and found with
 * {@link java.util.ServiceLoader} by {@link ActorSystem#builder()}.
 */
@ConsumerType
public interface ActorSystemProvider {

    /**
     * Creates and starts a system.
     *
     * @param config the settings
     * @param mailboxFactories factories to use besides those the provider finds itself
     * @return a running system
     */
    ActorSystem create(ActorSystemConfig config, List<MailboxFactory> mailboxFactories);

    /**
     * Creates and starts a system with dispatcher factories besides those the provider
     * finds itself. By default they are ignored.
     *
     * @param config the settings
     * @param mailboxFactories mailbox factories to add
     * @param dispatcherFactories dispatcher factories to add
     * @return a running system
     */
    default ActorSystem create(ActorSystemConfig config, List<MailboxFactory> mailboxFactories,
            List<DispatcherFactory> dispatcherFactories) {
        return create(config, mailboxFactories);
    }

    /**
     * Creates and starts a system that reads time and schedules by {@code clock}. By default
     * only a {@code null} clock (the JDK's) is accepted.
     *
     * @param config the settings
     * @param mailboxFactories mailbox factories to add
     * @param dispatcherFactories dispatcher factories to add
     * @param clock the clock, or {@code null} for the JDK's
     * @return a running system
     * @throws UnsupportedOperationException if the provider cannot use another clock
     */
    default ActorSystem create(ActorSystemConfig config, List<MailboxFactory> mailboxFactories,
            List<DispatcherFactory> dispatcherFactories, ActorClock clock) {
        if (clock != null) {
            throw new UnsupportedOperationException(getClass().getName() + " cannot run on another clock");
        }
        return create(config, mailboxFactories, dispatcherFactories);
    }
}
