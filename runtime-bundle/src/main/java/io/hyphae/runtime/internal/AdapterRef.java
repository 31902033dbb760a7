package io.hyphae.runtime.internal;

import io.hyphae.api.ActorRef;
import java.util.Objects;
import java.util.function.Function;

/** A message adapter's ref: what it is told reaches its actor, converted on the actor's turn. */
final class AdapterRef<T> implements ActorRef<T> {
    private final ActorCell<?> cell;
    private final Function<Object, ?> adapter;

    AdapterRef(ActorCell<?> cell, Function<Object, ?> adapter) {
        this.cell = cell;
        this.adapter = adapter;
    }

    @Override
    public void tell(T message) {
        Objects.requireNonNull(message, () -> "message must not be null (tell to " + path() + ")");
        cell.enqueue(new Adapted(adapter, message));
    }

    /** The actor it delivers to. */
    ActorCell<?> cell() {
        return cell;
    }

    @Override
    public String name() {
        return cell.name() + "$adapter";
    }

    @Override
    public String path() {
        return cell.path() + "$adapter";
    }

    @Override
    public String toString() {
        return "ActorRef[" + path() + "]";
    }
}
