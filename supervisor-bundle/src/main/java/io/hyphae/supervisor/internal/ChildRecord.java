package io.hyphae.supervisor.internal;

import io.hyphae.api.ActorFactory;
import io.hyphae.api.ActorRef;
import io.hyphae.api.supervision.ChildSpec;
import java.util.concurrent.CompletableFuture;

/** A child as its supervisor tracks it; confined to the supervisor's turn. */
final class ChildRecord {

    /** Where the child is in its life, as the supervisor sees it. */
    enum State { NEW, STARTING, RUNNING, HALTING, HALTED, STOPPING, TERMINATED }

    /** The id: the spec's for static children, the generated actor name for dynamic ones. */
    String id;
    final ChildSpec spec;
    final ActorFactory<?> factory;
    final boolean dynamic;
    ActorRef<?> ref;
    State state = State.NEW;
    /** A queued group restart will take this child down and start it again. */
    boolean planned;
    /** The next ChildStarted is a restart. */
    boolean restarting;
    /** Terminated by command: queued restarts skip it until restartChild's start begins. */
    boolean held;
    /** Removed from the supervisor once terminated (temporary, dynamic). */
    boolean removeOnTerminate;
    /** A dynamic start waiting for its ChildStarted. */
    CompletableFuture<ActorRef<?>> pendingReply;
    /** Restarts counted by the backoff since it last reset. */
    int backoffCount;
    /** When it last started, on the supervisor's clock; 0 before. */
    long startedAt;

    ChildRecord(ChildSpec spec, ActorFactory<?> factory, boolean dynamic) {
        this.id = dynamic ? null : spec.id();
        this.spec = spec;
        this.factory = factory;
        this.dynamic = dynamic;
    }
}
