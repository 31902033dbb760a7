package io.hyphae.supervisor.internal;

import io.hyphae.api.ActorRef;
import io.hyphae.api.ActorSystem;
import io.hyphae.api.supervision.SupervisorCommand;
import io.hyphae.api.supervision.SupervisorSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The supervisors a service started and that have not terminated, for tools. Written when
 * a supervisor starts and when it terminates, never on the message path.
 */
final class LiveSupervisors {

    /** One live supervisor. */
    record Entry(long order, ActorSystem system, ActorRef<SupervisorCommand> ref, SupervisorSpec spec,
            SupervisorHandle handle) {
    }

    private final ConcurrentHashMap<ActorRef<?>, Entry> live = new ConcurrentHashMap<>();
    private final AtomicLong order = new AtomicLong();

    /** Called by each supervisor instance as it starts (again after a restart). */
    void started(ActorSystem system, ActorRef<SupervisorCommand> ref, SupervisorSpec spec) {
        if (live.containsKey(ref)) {
            return; // a restart: the entry and its one watch stay
        }
        // One watch per supervisor, shared by every handle that tools ask for.
        CompletionStage<Void> gone = system.whenTerminated(ref);
        Entry e = new Entry(order.incrementAndGet(), system, ref, spec, new SupervisorHandle(ref, gone, this));
        if (live.putIfAbsent(ref, e) == null) {
            gone.whenComplete((v, x) -> live.remove(ref));
        } else {
            gone.toCompletableFuture().cancel(false);
        }
    }

    SupervisorSpec spec(ActorRef<?> ref) {
        Entry e = live.get(ref);
        return e == null ? null : e.spec();
    }

    List<Entry> entries() {
        List<Entry> list = new ArrayList<>(live.values());
        list.sort((a, b) -> Long.compare(a.order(), b.order()));
        return list;
    }
}
