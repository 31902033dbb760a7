package io.hyphae.runtime.internal;

import io.hyphae.api.Directive;
import io.hyphae.api.ExitReason;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The parent of the top-level actors: keeps them, decides for the failed ones (the default
 * directive for the cause) and, once the system terminates, stops them and shuts the
 * threads down when the last has gone. Its list is guarded by its own lock.
 */
final class Guardian {

    private static final Logger LOG = LoggerFactory.getLogger(HyphaeActorSystem.class);

    private final SiblingList topLevel = new SiblingList();
    private final Runnable afterLast;
    private volatile boolean terminating;

    /** @param afterLast runs once the system terminates and the last top-level actor has gone */
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

    boolean isTerminating() {
        return terminating;
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
            last = terminating && topLevel.isEmpty();
        }
        if (last) {
            afterLast.run();
        }
    }

    /**
     * Starts the system's termination: stops every top-level actor.
     *
     * @return false if it had started already
     */
    boolean terminate(String systemName) {
        List<ActorCell<?>> toStop;
        synchronized (this) {
            if (terminating) {
                return false;
            }
            terminating = true;
            toStop = topLevel.snapshot();
        }
        LOG.info("actor system '{}' terminating: stopping {} top-level actors", systemName, toStop.size());
        if (toStop.isEmpty()) {
            afterLast.run();
        } else {
            for (ActorCell<?> c : toStop) {
                c.sendSystem(new SystemMessage.Stop(ExitReason.SHUTDOWN));
            }
        }
        return true;
    }
}
