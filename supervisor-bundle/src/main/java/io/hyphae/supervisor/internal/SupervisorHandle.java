package io.hyphae.supervisor.internal;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorNotFoundException;
import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.supervision.ChildInfo;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.Supervisor;
import io.hyphae.api.supervision.SupervisorCommand;
import io.hyphae.api.supervision.SupervisorSpec;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends commands and tracks their replies; when the supervisor terminates, replies still
 * outstanding fail with {@link ActorNotFoundException} instead of hanging.
 */
final class SupervisorHandle implements Supervisor {

    private final ActorRef<SupervisorCommand> ref;
    private final CompletionStage<Void> terminated;
    private final Set<CompletableFuture<?>> outstanding = ConcurrentHashMap.newKeySet();
    private final LiveSupervisors live;

    SupervisorHandle(ActorSystem system, ActorRef<SupervisorCommand> ref, LiveSupervisors live) {
        this(ref, system.whenTerminated(ref), live);
    }

    SupervisorHandle(ActorRef<SupervisorCommand> ref, CompletionStage<Void> terminated, LiveSupervisors live) {
        this.ref = ref;
        this.live = live;
        this.terminated = terminated;
        terminated.whenComplete((v, e) -> {
            for (CompletableFuture<?> f : outstanding) {
                f.completeExceptionally(gone());
            }
        });
    }

    private ActorNotFoundException gone() {
        return new ActorNotFoundException("supervisor " + ref.path() + " has terminated");
    }

    private <T> CompletionStage<T> send(Command command, CompletableFuture<T> reply) {
        outstanding.add(reply);
        reply.whenComplete((r, e) -> outstanding.remove(reply));
        if (terminated.toCompletableFuture().isDone()) {
            reply.completeExceptionally(gone());
        } else {
            ref.tell(command);
        }
        return reply;
    }

    @Override
    public ActorRef<SupervisorCommand> ref() {
        return ref;
    }

    @Override
    public CompletionStage<ActorRef<?>> startChild(ChildSpec spec) {
        Objects.requireNonNull(spec, "spec");
        CompletableFuture<ActorRef<?>> reply = new CompletableFuture<>();
        return send(new Command.StartChild(spec, null, reply), reply);
    }

    @Override
    public CompletionStage<ActorRef<?>> startChild() {
        CompletableFuture<ActorRef<?>> reply = new CompletableFuture<>();
        return send(new Command.StartChild(null, null, reply), reply);
    }

    @Override
    public CompletionStage<ActorRef<?>> startChild(ActorFactory<?> factory) {
        Objects.requireNonNull(factory, "factory");
        CompletableFuture<ActorRef<?>> reply = new CompletableFuture<>();
        return send(new Command.StartChild(null, factory, reply), reply);
    }

    @Override
    public CompletionStage<Void> terminateChild(String id) {
        Objects.requireNonNull(id, "id");
        CompletableFuture<Void> reply = new CompletableFuture<>();
        return send(new Command.TerminateChild(id, reply), reply);
    }

    @Override
    public CompletionStage<ActorRef<?>> restartChild(String id) {
        Objects.requireNonNull(id, "id");
        CompletableFuture<ActorRef<?>> reply = new CompletableFuture<>();
        return send(new Command.RestartChild(id, reply), reply);
    }

    @Override
    public CompletionStage<Void> deleteChild(String id) {
        Objects.requireNonNull(id, "id");
        CompletableFuture<Void> reply = new CompletableFuture<>();
        return send(new Command.DeleteChild(id, reply), reply);
    }

    @Override
    public CompletionStage<List<ChildInfo>> whichChildren() {
        CompletableFuture<List<ChildInfo>> reply = new CompletableFuture<>();
        return send(new Command.WhichChildren(reply), reply);
    }

    @Override
    public CompletionStage<Void> shutdown() {
        CompletableFuture<Void> accepted = new CompletableFuture<>();
        send(new Command.Shutdown(accepted), accepted);
        // Done when the actor is gone, whether this command or something else stopped it.
        return terminated.toCompletableFuture().thenApply(v -> null);
    }

    @Override
    public String toString() {
        return "Supervisor[" + ref.path() + "]";
    }

    @Override
    public Optional<SupervisorSpec> spec() {
        return Optional.ofNullable(live.spec(ref));
    }
}
