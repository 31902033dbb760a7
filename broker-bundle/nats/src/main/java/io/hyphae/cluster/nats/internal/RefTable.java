package io.hyphae.cluster.nats.internal;

import io.hyphae.api.ActorRef;
import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The local refs this node has written into messages, by the id other nodes address them
 * with. Entries are weak: a ref that nothing here holds any more (an answered ask's reply
 * ref, a stopped actor) drops out, and a message for it becomes a dead letter.
 */
final class RefTable {

    private final ConcurrentHashMap<String, Entry> byId = new ConcurrentHashMap<>();
    /** Guarded by itself. Local refs are equal only to themselves. */
    private final Map<ActorRef<?>, String> ids = new WeakHashMap<>();
    private final ReferenceQueue<ActorRef<?>> collected = new ReferenceQueue<>();
    private long next;

    private static final class Entry extends WeakReference<ActorRef<?>> {
        final String id;

        Entry(String id, ActorRef<?> ref, ReferenceQueue<ActorRef<?>> q) {
            super(ref, q);
            this.id = id;
        }
    }

    /** The ref's id, made on first use. */
    String idOf(ActorRef<?> ref) {
        purge();
        synchronized (ids) {
            String id = ids.get(ref);
            if (id == null) {
                id = Long.toString(++next, 36);
                ids.put(ref, id);
                byId.put(id, new Entry(id, ref, collected));
            }
            return id;
        }
    }

    /** The ref's id if it was ever written, else null. */
    String existingId(ActorRef<?> ref) {
        synchronized (ids) {
            return ids.get(ref);
        }
    }

    /** The live ref of an id, or null. */
    ActorRef<?> get(String id) {
        Entry e = byId.get(id);
        return e == null ? null : e.get();
    }

    void remove(String id) {
        Entry e = byId.remove(id);
        if (e != null) {
            ActorRef<?> ref = e.get();
            if (ref != null) {
                synchronized (ids) {
                    ids.remove(ref);
                }
            }
        }
    }

    int size() {
        purge();
        return byId.size();
    }

    private void purge() {
        Object r;
        while ((r = collected.poll()) != null) {
            byId.remove(((Entry) r).id, r);
        }
    }
}
