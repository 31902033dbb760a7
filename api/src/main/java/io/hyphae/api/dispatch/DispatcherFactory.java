package io.hyphae.api.dispatch;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes dispatchers. Register implementations as OSGi services or {@link java.util.ServiceLoader}
 * providers; the runtime makes one dispatcher per system from each factory, when the
 * first actor needs it.
 */
@ConsumerType
public interface DispatcherFactory {

    /** Service property carrying {@link #name()}, for the shell and for filters. */
    String NAME_PROPERTY = "hyphae.dispatcher.name";

    /**
     * The name actors and settings select this factory by; unique among factories.
     *
     * @return the name
     */
    String name();

    /**
     * One line for listings: what the dispatcher is for.
     *
     * @return the description
     */
    default String description() {
        return name();
    }

    /**
     * Makes a dispatcher with its own threads.
     *
     * @param settings the system's name and thread settings
     * @return a running dispatcher
     */
    Dispatcher create(DispatcherSettings settings);
}
