package io.hyphae.cluster.nats.internal;

import io.hyphae.api.ExitReason;
import io.hyphae.api.spi.RemoteRef;
import io.hyphae.api.time.Cancellable;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * A ref to an actor on another node: either an exported name ({@code @name}, wherever it is
 * exported) or one actor of one run of a node ({@code node~run/id}). Equal to every ref
 * with the same address on the same node.
 *
 * @param <M> the messages the actor accepts
 */
final class RemoteActorRef<M> implements RemoteRef<M> {

    private final Remoting remoting;
    private final String address;
    /** The exported name, or null. */
    final String name;
    /** The owning node's name, run and the actor's id there; null for a name. */
    final String node;
    final String run;
    final String id;
    /** Where messages go. */
    final String subject;

    private RemoteActorRef(Remoting remoting, String address, String name, String node, String run, String id,
            String subject) {
        this.remoting = remoting;
        this.address = address;
        this.name = name;
        this.node = node;
        this.run = run;
        this.id = id;
        this.subject = subject;
    }

    static <M> RemoteActorRef<M> named(Remoting r, String name) {
        return new RemoteActorRef<>(r, "@" + name, name, null, null, null, r.nameSubject(name));
    }

    static <M> RemoteActorRef<M> onNode(Remoting r, String node, String run, String id) {
        return new RemoteActorRef<>(r, node + "~" + run + "/" + id, null, node, run, id,
                r.actorSubject(node, run, id));
    }

    String address() {
        return address;
    }

    /** The node and run an id ref belongs to, as the directory keys them. */
    String nodeRun() {
        return node + "~" + run;
    }

    @Override
    public void tell(M message) {
        Objects.requireNonNull(message, () -> "message must not be null (tell to " + address + ")");
        remoting.send(this, message);
    }

    @Override
    public Cancellable whenGone(Consumer<ExitReason> gone) {
        return remoting.membership().watch(this, Objects.requireNonNull(gone, "gone"));
    }

    @Override
    public String name() {
        return name != null ? name : "$" + id;
    }

    @Override
    public String path() {
        return "nats:" + address;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemoteActorRef<?> r && r.remoting == remoting && r.address.equals(address);
    }

    @Override
    public int hashCode() {
        return address.hashCode();
    }

    @Override
    public String toString() {
        return "RemoteRef[" + address + "]";
    }
}
