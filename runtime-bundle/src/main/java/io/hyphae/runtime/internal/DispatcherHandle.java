package io.hyphae.runtime.internal;

import io.hyphae.api.dispatch.Dispatcher;
import io.hyphae.api.dispatch.DispatcherFactory;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;

/**
 * One running dispatcher of a system, as cells use it. The runtime's own dispatchers take
 * cells directly ({@link CellDispatcher}); any other gets one reusable {@link Runnable}
 * per cell ({@link ForeignTurn}). Once retired (its factory went away) it forwards every
 * cell to its successor, so a cell that read the old target just before the switch still
 * lands on a live dispatcher.
 */
final class DispatcherHandle {

    final DispatcherFactory factory;
    final Dispatcher dispatcher;
    private final CellDispatcher direct;
    /** Messages handled by turns run through {@link ForeignTurn}s. */
    final LongAdder foreignProcessed = new LongAdder();
    private volatile DispatcherHandle successor;

    DispatcherHandle(DispatcherFactory factory, Dispatcher dispatcher) {
        this.factory = factory;
        this.dispatcher = dispatcher;
        this.direct = dispatcher instanceof CellDispatcher c ? c : null;
    }

    String name() {
        return factory.name();
    }

    void dispatch(CellCore<?> cell, boolean fair) {
        DispatcherHandle s = successor;
        if (s != null) {
            s.dispatch(cell, fair);
            return;
        }
        CellDispatcher d = direct;
        if (d != null) {
            d.dispatch(cell, fair);
            return;
        }
        Runnable turn = cell.turnAdapter instanceof ForeignTurn f && f.handle == this ? f : adapt(cell);
        if (fair) {
            dispatcher.executeYielded(turn);
        } else {
            dispatcher.execute(turn);
        }
    }

    private ForeignTurn adapt(CellCore<?> cell) {
        ForeignTurn f = new ForeignTurn(cell, this);
        cell.turnAdapter = f;
        return f;
    }

    long processed() {
        return (direct == null ? 0 : direct.processed()) + foreignProcessed.sum();
    }

    /** Forwards from now on and lets the threads finish what is queued. */
    void retire(DispatcherHandle to) {
        successor = to;
        dispatcher.shutdown();
    }

    boolean awaitTermination(Duration timeout) throws InterruptedException {
        return dispatcher.awaitTermination(timeout);
    }

    /** A cell's turn as a plain {@link Runnable}, with its own sink. */
    static final class ForeignTurn implements Runnable {
        private final CellCore<?> cell;
        final DispatcherHandle handle;
        private final DrainSink sink = new DrainSink();

        ForeignTurn(CellCore<?> cell, DispatcherHandle handle) {
            this.cell = cell;
            this.handle = handle;
        }

        @Override
        public void run() {
            int n = cell.run(sink);
            if (n > 0) {
                handle.foreignProcessed.add(n);
            }
        }
    }
}
