package io.hyphae.api;

import java.util.Objects;

/**
 * Tells a parent that a child it halted ({@link io.hyphae.api.spi.ChildControl#halt} or
 * {@link Directive#HALT}) is down: its instance is gone and its own children have
 * stopped. The child keeps its ref and mailbox until {@link io.hyphae.api.spi.ChildControl#restart}.
 *
 * @param ref the halted child
 */
public record ChildHalted(ActorRef<?> ref) implements Signal {

    /**
     * Creates the signal.
     *
     * @param ref the child, not null
     */
    public ChildHalted {
        Objects.requireNonNull(ref, "ref");
    }
}
