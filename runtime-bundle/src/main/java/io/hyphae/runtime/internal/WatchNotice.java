package io.hyphae.runtime.internal;

import io.hyphae.api.ExitReason;
import io.hyphae.api.spi.RemoteRef;

/**
 * A watched actor has terminated. The watcher queues this notice behind the messages
 * already in its mailbox, so {@code Terminated} never overtakes what the watched actor
 * sent before it died (as in Erlang and Akka), and it waits, like those messages, while
 * the watcher is restarting. Opening it delivers {@code Terminated} only if the watcher
 * still watches that actor: an unwatch in between drops it.
 */
final class WatchNotice extends Envelope {
    /** A local actor, or null for a remote one. */
    final ActorCell<?> watched;
    final RemoteRef<?> remote;
    final ExitReason remoteReason;

    WatchNotice(ActorCell<?> watched) {
        this.watched = watched;
        this.remote = null;
        this.remoteReason = null;
    }

    WatchNotice(RemoteRef<?> remote, ExitReason reason) {
        this.watched = null;
        this.remote = remote;
        this.remoteReason = reason;
    }

    @Override
    Object open(ActorCell<?> cell) {
        if (watched != null) {
            cell.watchedTerminated(watched);
        } else {
            cell.remoteTerminated(remote, remoteReason);
        }
        return null;
    }
}
