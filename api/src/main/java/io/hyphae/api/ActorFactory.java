package io.hyphae.api;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * Makes a fresh actor instance. Called once when the actor starts and again on every
 * restart, always on the actor's own turn, so the new instance starts with fresh state.
 *
 * <pre>{@code
 * ActorFactory<String> printer = ctx -> message -> ctx.log().info("got {}", message);
 * }</pre>
 *
 * @param <M> the type of message the actor accepts
 */
@ConsumerType
@FunctionalInterface
public interface ActorFactory<M> {

    /**
     * Creates the actor.
     *
     * @param context the context of the actor being created; keep it for later use
     * @return a new actor instance, not null
     * @throws Exception if the actor cannot be created; the parent is told with an
     *         {@link ActorInitializationException}
     */
    Actor<M> create(ActorContext<M> context) throws Exception;
}
