package io.hyphae.runtime.internal;

import io.hyphae.api.ExitReason;
import io.hyphae.api.spi.RemoteRef;
import io.hyphae.api.time.Cancellable;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * One cell's watches, in both directions: who watches it (actors and {@code whenTerminated}
 * stages), whom it watches, and the death notices waiting for room in its bounded mailbox.
 * Confined to the cell's turn.
 *
 * <p>A notice of a death travels as a {@link WatchNotice} through the watcher's mailbox,
 * behind what the dead actor sent before it died; opening it delivers {@code Terminated}
 * only while the watch still stands. A watcher that terminates unwatches everything it
 * watched, so dead watchers never stay in other actors' sets.
 *
 * <p>A {@link RemoteRef} is watched through its transport: its callback reaches the cell as
 * a {@link SystemMessage.RemoteDeath}, which becomes a notice like a local death.
 */
final class DeathWatch {
    private HashSet<ActorCell<?>> watchers;
    private List<CompletableFuture<Void>> stages;
    private HashSet<ActorCell<?>> watching;
    private HashMap<RemoteRef<?>, Cancellable> remote;
    /** Notices that found the bounded mailbox full; offered again after each turn. */
    private ArrayDeque<WatchNotice> notices;

    /** {@code watcher} (an actor) or {@code stage} (from outside) watches {@code self}. */
    void addWatcher(ActorCell<?> self, ActorCell<?> watcher, CompletableFuture<Void> stage) {
        if (stage != null) {
            if (stages == null) {
                stages = new ArrayList<>(2);
            }
            stages.add(stage);
        } else if (watcher != self) {
            if (watchers == null) {
                watchers = new HashSet<>();
            }
            watchers.add(watcher);
        }
    }

    void removeWatcher(ActorCell<?> watcher, CompletableFuture<Void> stage) {
        if (watcher != null && watchers != null) {
            watchers.remove(watcher);
        } else if (stage != null && stages != null) {
            stages.remove(stage);
        }
    }

    /** {@code self} starts watching {@code other}. */
    void watch(ActorCell<?> self, ActorCell<?> other) {
        if (watching == null) {
            watching = new HashSet<>();
        }
        if (watching.add(other)) {
            other.sendSystem(new SystemMessage.Watch(self, null));
        }
    }

    void unwatch(ActorCell<?> self, ActorCell<?> other) {
        if (watching != null && watching.remove(other)) {
            other.sendSystem(new SystemMessage.Unwatch(self));
        }
    }

    /** {@code self} starts watching a remote actor. */
    void watch(ActorCell<?> self, RemoteRef<?> other) {
        if (remote == null) {
            remote = new HashMap<>();
        }
        if (!remote.containsKey(other)) {
            remote.put(other, NOT_YET);
            Cancellable c = other.whenGone(reason -> self.sendSystem(new SystemMessage.RemoteDeath(other, reason)));
            if (remote.get(other) == NOT_YET) {
                remote.put(other, c);
            }
        }
    }

    private static final Cancellable NOT_YET = () -> false;

    void unwatch(RemoteRef<?> other) {
        Cancellable c = remote == null ? null : remote.remove(other);
        if (c != null) {
            c.cancel();
        }
    }

    /** A watched remote actor is gone: queued like a local death. */
    void remoteDeathOf(ActorCell<?> self, RemoteRef<?> other, ExitReason reason) {
        if (remote != null && remote.containsKey(other)) {
            queue(self, new WatchNotice(other, reason));
        }
    }

    /** Opens a remote notice: true if {@code other} was still watched (and now is not). */
    boolean forgetRemote(RemoteRef<?> other) {
        return remote != null && remote.remove(other) != null;
    }

    /** A watched actor died: queue the notice behind the messages already in the mailbox. */
    void deathOf(ActorCell<?> self, ActorCell<?> other) {
        if (watching == null || !watching.contains(other)) {
            return; // unwatched meanwhile: never deliver
        }
        queue(self, new WatchNotice(other));
    }

    private void queue(ActorCell<?> self, WatchNotice notice) {
        if (notices != null || !self.offerDirect(notice)) {
            // A full bounded mailbox: the notice waits its turn outside, order kept.
            if (notices == null) {
                notices = new ArrayDeque<>(2);
            }
            notices.add(notice);
        }
    }

    boolean hasWaitingNotices() {
        return notices != null;
    }

    /** Offers the notices that found the mailbox full; at the end of a turn. */
    void offerWaitingNotices(ActorCell<?> self) {
        WatchNotice n;
        while ((n = notices.peek()) != null && self.offerDirect(n)) {
            notices.poll();
        }
        if (notices.isEmpty()) {
            notices = null;
        }
    }

    /** Opens a notice: true if {@code other} was still watched (and now is not). */
    boolean forget(ActorCell<?> other) {
        return watching != null && watching.remove(other);
    }

    /** {@code self} has terminated: tells its watchers, completes its stages, drops its own watches. */
    void terminated(ActorCell<?> self) {
        notices = null;
        if (watchers != null) {
            for (ActorCell<?> w : watchers) {
                w.sendSystem(new SystemMessage.DeathNotification(self));
            }
            watchers = null;
        }
        if (watching != null) {
            for (ActorCell<?> w : watching) {
                w.sendSystem(new SystemMessage.Unwatch(self));
            }
            watching = null;
        }
        if (remote != null) {
            for (Cancellable c : remote.values()) {
                c.cancel();
            }
            remote = null;
        }
        // Last: whoever waits on a stage may next talk to an actor this one watched, which
        // must then already have its Unwatch queued ahead of that message.
        if (stages != null) {
            for (CompletableFuture<Void> f : stages) {
                f.complete(null);
            }
            stages = null;
        }
    }

    /** How many actors and how many stages watch; read from another thread, so a hint. */
    int[] counts() {
        HashSet<ActorCell<?>> w = watchers;
        List<CompletableFuture<Void>> s = stages;
        return new int[] {w == null ? 0 : w.size(), s == null ? 0 : s.size()};
    }
}
