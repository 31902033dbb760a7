package io.hyphae.cluster.nats;

import java.util.List;
import org.osgi.annotation.versioning.ConsumerType;

/**
 * The message classes an application sends across the cluster, offered as a service in
 * OSGi: the container's cluster decodes the JDK value types and the classes of every
 * registered {@code MessageTypes}, and nothing else. Registering or removing one takes
 * effect at once, without reconnecting.
 */
@ConsumerType
@FunctionalInterface
public interface MessageTypes {

    /**
     * The classes: records, enums or other concrete classes Jackson can read.
     *
     * @return the classes, not null
     */
    List<Class<?>> types();
}
