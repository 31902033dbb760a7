package io.hyphae.runtime.internal;

import io.hyphae.api.Directive;
import io.hyphae.api.ExitReason;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent of the top-level actors: keeps them, decides for the failed ones (the default
 * directive for the cause), refuses new ones once the shutdown stops accepting, and in the
 * shutdown's stop phase stops them and tells when the last has gone. Its list is guarded by
 * its own lock.
 */
final class Guardian {

    private static final Logger LOG = LoggerFactory.getLogger(HyphaeActorSystem.class);

    private final SiblingList topLevel = new SiblingList();
    private final Runnable afterLast;
    /** Set when the system stops accepting new top-level actors; never cleared. */
    private volatile boolean terminating;
    /** Set when the top-level actors are told to stop. */
    private boolean stopping;

    /** @param afterLast runs once the actors were told to stop and the last top-level actor has gone */
    Guardian(Runnable afterLast) {
        this.afterLast = afterLast;
    }

    /** Adopts a new top-level cell; false if the system is terminating. */
    synchronized boolean adopt(ActorCell<?> cell) {
        if (terminating) {
            return false;
        }
        topLevel.add(cell);
        return true;
    }

    /** Whether the system's shutdown has started: no new top-level actor, no upgrade. */
    boolean isTerminating() {
        return terminating;
    }

    /** Refuses new top-level actors from now on; returns how many live. */
    synchronized int closeToNew() {
        terminating = true;
        return topLevel.size();
    }

    synchronized List<ActorCell<?>> topLevel() {
        return topLevel.snapshot();
    }

    /** The guardian's decision for a failed top-level actor. */
    void topLevelFailed(ActorCell<?> cell, Throwable cause) {
        Directive d = Directive.defaultFor(cause);
        switch (d) {
            case RESUME -> cell.sendSystem(new SystemMessage.Resume());
            case RESTART -> cell.sendSystem(new SystemMessage.Restart(cause, false));
            case STOP, HALT -> cell.sendSystem(new SystemMessage.Stop(ExitReason.FAILURE));
            case ESCALATE -> {
                LOG.error("top-level actor {} escalated {}; stopping it", cell.path(), cause.toString());
                cell.sendSystem(new SystemMessage.Stop(ExitReason.FAILURE));
            }
            default -> throw new IllegalStateException("unknown directive " + d);
        }
    }

    void topLevelTerminated(ActorCell<?> cell) {
        boolean last;
        synchronized (this) {
            topLevel.remove(cell);
            last = stopping && topLevel.isEmpty();
        }
        if (last) {
            afterLast.run();
        }
    }

    /**
     * Stops every top-level actor, gracefully or brutally (no hooks, no ordered shutdown);
     * {@code afterLast} runs once the last has gone, at once if there is none.
     *
     * @return the actors told to stop
     */
    List<ActorCell<?>> stopAll(boolean brutal) {
        List<ActorCell<?>> toStop;
        boolean first;
        synchronized (this) {
            terminating = true;
            first = !stopping;
            stopping = true;
            toStop = topLevel.snapshot();
        }
        if (toStop.isEmpty()) {
            if (first) {
                afterLast.run();
            }
        } else {
            for (ActorCell<?> c : toStop) {
                c.sendSystem(new SystemMessage.Stop(ExitReason.SHUTDOWN, brutal));
            }
        }
        return toStop;
    }
}
