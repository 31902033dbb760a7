package io.hyphae.api.dispatch;

import java.util.Objects;

/**
 * What a dispatcher is made with.
 *
 * @param systemName the actor system's name, for thread names
 * @param threads the system's dispatcher thread setting; a dispatcher may size itself
 *     otherwise (a pool for blocking actors is larger)
 * @param spinMicros how long an idle thread may spin before it parks
 */
public record DispatcherSettings(String systemName, int threads, int spinMicros) {

    /**
     * Validates the settings.
     *
     * @param systemName not null
     * @param threads at least 1
     * @param spinMicros at least 0
     */
    public DispatcherSettings {
        Objects.requireNonNull(systemName, "systemName");
        if (threads < 1 || spinMicros < 0) {
            throw new IllegalArgumentException("threads must be positive and spinMicros not negative, were " + threads
                    + " and " + spinMicros);
        }
    }
}
