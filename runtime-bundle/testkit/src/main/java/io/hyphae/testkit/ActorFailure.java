package io.hyphae.testkit;

import io.hyphae.api.ActorRef;
import java.util.Objects;

/**
 * An exception thrown by an actor that a {@link ActorTestKit} spawned, as its parent saw it.
 *
 * @param actor the actor that failed
 * @param cause what it threw
 */
public record ActorFailure(ActorRef<?> actor, Throwable cause) {

    /**
     * A failure.
     *
     * @param actor the actor that failed, not null
     * @param cause what it threw, not null
     */
    public ActorFailure {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(cause, "cause");
    }

    @Override
    public String toString() {
        return actor.path() + " failed with " + cause;
    }
}
