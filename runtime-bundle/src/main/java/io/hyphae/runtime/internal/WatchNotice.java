package io.hyphae.runtime.internal;

/**
 * A watched actor has terminated. The watcher queues this notice behind the messages
 * already in its mailbox, so {@code Terminated} never overtakes what the watched actor
 * sent before it died (as in Erlang and Akka), and it waits, like those messages, while
 * the watcher is restarting. Opening it delivers {@code Terminated} only if the watcher
 * still watches that actor: an unwatch in between drops it.
 */
final class WatchNotice extends Envelope {
    final ActorCell<?> watched;

    WatchNotice(ActorCell<?> watched) {
        this.watched = watched;
    }

    @Override
    Object open(ActorCell<?> cell) {
        cell.watchedTerminated(watched);
        return null;
    }
}
