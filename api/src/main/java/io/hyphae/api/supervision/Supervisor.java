package io.hyphae.api.supervision;

import io.hyphae.api.ActorRef;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import org.osgi.annotation.versioning.ProviderType;

/**
 * A handle on a running supervisor (OTP's {@code supervisor} module functions). Every
 * call is a message to the supervisor, answered when it has been carried out; failures
 * arrive as exceptional completions with a typed exception. Safe from any thread.
 */
@ProviderType
public interface Supervisor {

    /**
     * The supervisor actor.
     *
     * @return its ref
     */
    ActorRef<SupervisorCommand> ref();

    /**
     * Adds and starts a static child after the existing ones.
     *
     * @param spec the child
     * @return the child's ref once started; fails with {@link InvalidSpecException} for a
     *         duplicate id or a DYNAMIC supervisor, or with the start failure
     */
    CompletionStage<ActorRef<?>> startChild(ChildSpec spec);

    /**
     * Starts a child from a DYNAMIC supervisor's template.
     *
     * @return the child's ref once started
     */
    CompletionStage<ActorRef<?>> startChild();

    /**
     * Starts a child from a DYNAMIC supervisor's template with its own factory (OTP's
     * extra start arguments: capture them in the factory).
     *
     * @param factory makes this child's instances
     * @return the child's ref once started
     */
    CompletionStage<ActorRef<?>> startChild(io.hyphae.api.ActorFactory<?> factory);

    /**
     * Stops a child by its shutdown; a static child's spec is kept (see
     * {@link #restartChild}), a dynamic or temporary child is removed.
     *
     * @param id the child's id
     * @return completes once it stopped; fails with {@link io.hyphae.api.ActorNotFoundException}
     *         for an unknown id
     */
    CompletionStage<Void> terminateChild(String id);

    /**
     * Starts a terminated static child again.
     *
     * @param id the child's id
     * @return the child's ref once started
     */
    CompletionStage<ActorRef<?>> restartChild(String id);

    /**
     * Removes a terminated static child's spec.
     *
     * @param id the child's id
     * @return completes once removed; fails if it is running
     */
    CompletionStage<Void> deleteChild(String id);

    /**
     * The children in start order.
     *
     * @return a snapshot
     */
    CompletionStage<List<ChildInfo>> whichChildren();

    /**
     * Stops all children newest first by their shutdown, then the supervisor itself.
     *
     * @return completes once the supervisor terminated
     */
    CompletionStage<Void> shutdown();

    /**
     * The spec this supervisor runs with, if it was started by this process's supervision
     * service and is alive.
     *
     * @return the spec, or empty
     */
    Optional<SupervisorSpec> spec();
}
