package io.hyphae.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * An actor whose state survives a code upgrade ({@link ActorSystem#upgrade}), as in Erlang's
 * {@code code_change}: the old instance hands its state over, the new instance takes it and
 * may transform it. State must travel in types both versions can see: JDK types, or types
 * of a bundle that is not being replaced. Implement either method or both; an actor that
 * does not implement this interface hands nothing over and starts empty.
 */
@ConsumerType
public interface Upgradable {

    /**
     * Called on the old instance, on its turn, when an upgrade replaces it.
     *
     * @return the state to hand to the new instance, or null
     * @throws Exception if the state cannot be exported; the upgrade then fails
     */
    default Object exportState() throws Exception {
        return null;
    }

    /**
     * Called on the new instance, on its turn, before it handles any message.
     *
     * @param state what the old instance exported, or null
     * @param fromVersion the old code's version
     * @param toVersion this code's version
     * @throws Exception if the state cannot be taken over; the upgrade then fails and the
     *         actor's parent decides, as for any failure
     */
    default void importState(Object state, String fromVersion, String toVersion) throws Exception {
    }
}
