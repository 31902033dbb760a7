package io.hyphae.supervisor.internal;

import io.hyphae.api.Subscription;
import io.hyphae.api.supervision.SupervisionMetrics;
import io.hyphae.api.supervision.SupervisorEvent;
import java.util.EnumMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Counts supervisor events and hands them to listeners, on the publishing thread. */
final class EventBus {

    private static final Logger LOG = LoggerFactory.getLogger(EventBus.class);
    private static final SupervisorEvent.Kind[] KINDS = SupervisorEvent.Kind.values();

    private final CopyOnWriteArrayList<Consumer<? super SupervisorEvent>> listeners = new CopyOnWriteArrayList<>();
    private final LongAdder[] counts = new LongAdder[KINDS.length];

    EventBus() {
        for (int i = 0; i < counts.length; i++) {
            counts[i] = new LongAdder();
        }
    }

    void publish(SupervisorEvent event) {
        counts[event.kind().ordinal()].increment();
        for (Consumer<? super SupervisorEvent> l : listeners) {
            try {
                l.accept(event);
            } catch (RuntimeException e) {
                LOG.warn("a supervisor event listener failed on {}", event.kind(), e);
            }
        }
    }

    Subscription subscribe(Consumer<? super SupervisorEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    SupervisionMetrics metrics() {
        EnumMap<SupervisorEvent.Kind, Long> m = new EnumMap<>(SupervisorEvent.Kind.class);
        for (SupervisorEvent.Kind k : KINDS) {
            m.put(k, counts[k.ordinal()].sum());
        }
        return new SupervisionMetrics(m);
    }
}
