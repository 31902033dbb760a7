package io.hyphae.api.supervision;

import java.util.EnumMap;
import java.util.Map;

/**
 * Event counts since the supervision service started, across all supervisors.
 *
 * @param counts events per kind; every kind is present
 */
public record SupervisionMetrics(Map<SupervisorEvent.Kind, Long> counts) {

    /**
     * Copies the counts.
     *
     * @param counts events per kind
     */
    public SupervisionMetrics {
        EnumMap<SupervisorEvent.Kind, Long> all = new EnumMap<>(SupervisorEvent.Kind.class);
        for (SupervisorEvent.Kind k : SupervisorEvent.Kind.values()) {
            all.put(k, counts.getOrDefault(k, 0L));
        }
        counts = Map.copyOf(all);
    }

    /**
     * The count of one kind.
     *
     * @param kind the kind
     * @return how many such events were published
     */
    public long count(SupervisorEvent.Kind kind) {
        return counts.get(kind);
    }
}
