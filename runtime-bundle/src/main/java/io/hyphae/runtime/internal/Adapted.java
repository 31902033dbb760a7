package io.hyphae.runtime.internal;

import java.util.function.Function;

/**
 * A message of a foreign protocol sent to an actor's message adapter; converted into the
 * actor's own type on its turn.
 */
final class Adapted extends Envelope {
    private final Function<Object, ?> adapter;
    private final Object message;

    Adapted(Function<Object, ?> adapter, Object message) {
        this.adapter = adapter;
        this.message = message;
    }

    @Override
    Object open(ActorCell<?> cell) {
        return adapter.apply(message);
    }

    @Override
    Object letter() {
        return message;
    }
}
