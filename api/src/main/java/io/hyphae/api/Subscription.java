package io.hyphae.api;

import org.osgi.annotation.versioning.ProviderType;

/**
 * A cancellable subscription.
 */
@ProviderType
public interface Subscription extends AutoCloseable {

    /** Ends the subscription; calling it again does nothing. */
    void cancel();

    /** Same as {@link #cancel()}. */
    @Override
    default void close() {
        cancel();
    }
}
