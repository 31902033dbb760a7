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

    /**
     * Called on the new instance, on its turn, for each message whose class came from the
     * code an upgrade replaced: a class defined by the class loader of the old instance or
     * its factory (in a container, the updated bundle's old revision) that the new code
     * cannot see. Such messages were queued before the upgrade, or sent since by code still
     * wired to the old revision (until a bundle refresh rewires it). The new code's own
     * types have the same names but are different classes, so the message cannot be handled
     * as it is unless the handler treats it generically. Only the message's own class is
     * checked, not the classes of what it contains, except that a broker's
     * {@link io.hyphae.api.broker.Published} envelope is checked by its payload's class.
     *
     * @param message a message of a replaced class
     * @return the message to handle instead (a converted one, or {@code message} itself to
     *         handle it as it is), or null to send it to dead letters with reason
     *         {@link DeadLetter.Reason#REPLACED_CODE}, which is what the default does
     * @throws Exception if the conversion fails; the message goes to dead letters and the
     *         actor fails, and its parent decides
     */
    default Object convertMessage(Object message) throws Exception {
        return null;
    }
}
