package io.hyphae.supervisor.internal;

import io.hyphae.api.ActorRef;
import io.hyphae.api.supervision.ChildInfo;
import io.hyphae.api.supervision.Strategy;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A supervisor's children by id (in start order) and by live ref. */
final class ChildTable {
    private final LinkedHashMap<String, ChildRecord> byId = new LinkedHashMap<>();
    private final Map<ActorRef<?>, ChildRecord> byRef = new HashMap<>();

    ChildRecord add(ChildRecord c) {
        byId.put(c.id, c);
        return c;
    }

    void remove(ChildRecord c) {
        if (c.id != null) {
            byId.remove(c.id, c);
        }
        if (c.ref != null) {
            byRef.remove(c.ref);
        }
    }

    ChildRecord byId(String id) {
        return byId.get(id);
    }

    boolean contains(String id) {
        return byId.containsKey(id);
    }

    /** Whether {@code c} is still the child under its id. */
    boolean current(ChildRecord c) {
        return byId.get(c.id) == c;
    }

    ChildRecord byRef(ActorRef<?> ref) {
        return byRef.get(ref);
    }

    void bind(ChildRecord c) {
        byRef.put(c.ref, c);
    }

    /** Forgets the child's live ref (it has terminated or was killed). */
    ChildRecord unbind(ActorRef<?> ref) {
        return byRef.remove(ref);
    }

    /** Every child, in start order. */
    Collection<ChildRecord> all() {
        return byId.values();
    }

    /** The children as {@code which_children} reports them. */
    List<ChildInfo> which() {
        List<ChildInfo> out = new ArrayList<>(byId.size());
        for (ChildRecord c : byId.values()) {
            ChildInfo.State s = switch (c.state) {
                case RUNNING -> ChildInfo.State.RUNNING;
                case TERMINATED -> ChildInfo.State.TERMINATED;
                default -> ChildInfo.State.RESTARTING;
            };
            out.add(new ChildInfo(c.id, s == ChildInfo.State.TERMINATED ? null : c.ref, s, c.spec.restart()));
        }
        return out;
    }

    /**
     * The exited child and the others its restart takes along, in start order: itself
     * (one-for-one, dynamic), every child (one-for-all) or itself and the younger ones
     * (rest-for-one). Children terminated for good stay so.
     */
    List<ChildRecord> group(Strategy strategy, ChildRecord c) {
        if (strategy == Strategy.ONE_FOR_ONE || strategy == Strategy.DYNAMIC) {
            return List.of(c);
        }
        boolean in = strategy == Strategy.ONE_FOR_ALL;
        List<ChildRecord> out = new ArrayList<>();
        for (ChildRecord g : byId.values()) {
            in |= g == c;
            if (in && (g == c || g.state != ChildRecord.State.TERMINATED)) {
                out.add(g);
            }
        }
        return out;
    }
}
