package io.hyphae.supervisor.internal;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.supervision.ChildInfo;
import io.hyphae.api.supervision.ChildSpec;
import io.hyphae.api.supervision.SupervisorCommand;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** The supervisor's messages. Replies are futures completed on the supervisor's turn. */
sealed interface Command extends SupervisorCommand {

    /** The reply, for failing it when the supervisor is gone. */
    CompletableFuture<?> reply();

    /** Static: {@code spec} set. Dynamic: {@code spec} null, {@code factory} optional. */
    record StartChild(ChildSpec spec, ActorFactory<?> factory, CompletableFuture<ActorRef<?>> reply)
            implements Command { }

    record TerminateChild(String id, CompletableFuture<Void> reply) implements Command { }

    record RestartChild(String id, CompletableFuture<ActorRef<?>> reply) implements Command { }

    record DeleteChild(String id, CompletableFuture<Void> reply) implements Command { }

    record WhichChildren(CompletableFuture<List<ChildInfo>> reply) implements Command { }

    record Shutdown(CompletableFuture<Void> reply) implements Command { }

    /** A timer of the supervisor's own: a backoff ended or a shutdown timed out. */
    record Timeout(long token) implements SupervisorCommand { }
}
