package io.hyphae.broker.internal;

import io.hyphae.api.broker.TopicPattern;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * A trie of pattern segments. Literal segments are children in a concurrent map (hash or
 * ordered, chosen by the index); {@code +} and named segments share one wildcard child;
 * {@code #} subscriptions sit on the node where the {@code #} starts.
 *
 * <p>One writer at a time; readers walk it concurrently. A reader that reaches a node the
 * writer is pruning sees it as it was, which is a valid state (the subscription was
 * removed from its array before the node was unlinked).
 *
 * <p>Each trie node stands for one pattern prefix, and a topic's walk reaches a node at
 * most once, so a match reports every subscription once.
 */
final class Trie {

    static final class Node {
        final ConcurrentMap<String, Node> children;
        volatile Node single;
        /** Subscriptions whose pattern ends here. */
        volatile Object[] here = Subscribers.NONE;
        /** Subscriptions whose pattern has {@code #} after this node's prefix. */
        volatile Object[] multi = Subscribers.NONE;

        Node(ConcurrentMap<String, Node> children) {
            this.children = children;
        }

        boolean isEmpty() {
            return children.isEmpty() && single == null && here.length == 0 && multi.length == 0;
        }
    }

    private final Supplier<ConcurrentMap<String, Node>> maps;
    private final Node root;

    Trie(Supplier<ConcurrentMap<String, Node>> maps) {
        this.maps = maps;
        this.root = new Node(maps.get());
    }

    boolean isEmpty() {
        return root.isEmpty();
    }

    void add(TopicPattern p, Object s) {
        Node n = root;
        int last = p.size();
        if (p.kind(last - 1) == TopicPattern.Kind.MULTI) {
            last--;
        }
        for (int i = 0; i < last; i++) {
            n = step(n, p, i);
        }
        if (last < p.size()) {
            n.multi = Subscribers.with(n.multi, s);
        } else {
            n.here = Subscribers.with(n.here, s);
        }
    }

    private Node step(Node n, TopicPattern p, int i) {
        if (p.kind(i) == TopicPattern.Kind.LITERAL) {
            Node c = n.children.get(p.segment(i));
            if (c == null) {
                c = new Node(maps.get());
                n.children.put(p.segment(i), c);
            }
            return c;
        }
        Node c = n.single;
        if (c == null) {
            c = new Node(maps.get());
            n.single = c;
        }
        return c;
    }

    boolean remove(TopicPattern p, Object s) {
        int last = p.size();
        boolean multi = p.kind(last - 1) == TopicPattern.Kind.MULTI;
        if (multi) {
            last--;
        }
        Node[] path = new Node[last + 1];
        Node n = root;
        path[0] = n;
        for (int i = 0; i < last; i++) {
            n = p.kind(i) == TopicPattern.Kind.LITERAL ? n.children.get(p.segment(i)) : n.single;
            if (n == null) {
                return false;
            }
            path[i + 1] = n;
        }
        Object[] before = multi ? n.multi : n.here;
        Object[] after = Subscribers.without(before, s);
        if (after == before) {
            return false;
        }
        if (multi) {
            n.multi = after;
        } else {
            n.here = after;
        }
        // Unlink nodes left empty, bottom up.
        for (int i = last; i > 0 && path[i].isEmpty(); i--) {
            Node parent = path[i - 1];
            if (p.kind(i - 1) == TopicPattern.Kind.LITERAL) {
                parent.children.remove(p.segment(i - 1), path[i]);
            } else {
                parent.single = null;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    <S> void match(String[] parts, Consumer<? super S> sink) {
        match(root, parts, 0, (Consumer<Object>) sink);
    }

    private static void match(Node n, String[] parts, int i, Consumer<Object> sink) {
        for (Object s : n.multi) {
            sink.accept(s);
        }
        if (i == parts.length) {
            for (Object s : n.here) {
                sink.accept(s);
            }
            return;
        }
        Node c = n.children.get(parts[i]);
        if (c != null) {
            match(c, parts, i + 1, sink);
        }
        Node w = n.single;
        if (w != null) {
            match(w, parts, i + 1, sink);
        }
    }
}
