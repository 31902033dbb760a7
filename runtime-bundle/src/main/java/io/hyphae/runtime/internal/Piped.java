package io.hyphae.runtime.internal;

import java.util.function.BiFunction;

/** The outcome of a stage piped to an actor; mapped into the actor's own type on its turn. */
final class Piped extends Envelope {
    private final BiFunction<Object, Throwable, ?> mapper;
    private final Object value;
    private final Throwable failure;

    Piped(BiFunction<Object, Throwable, ?> mapper, Object value, Throwable failure) {
        this.mapper = mapper;
        this.value = value;
        this.failure = failure;
    }

    @Override
    Object open(ActorCell<?> cell) {
        return mapper.apply(value, failure);
    }

    @Override
    Object letter() {
        return value != null ? value : failure;
    }
}
