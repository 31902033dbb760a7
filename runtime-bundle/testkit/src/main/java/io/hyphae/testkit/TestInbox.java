package io.hyphae.testkit;

import io.hyphae.api.ActorRef;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * A ref that only collects what is told to it, for {@link BehaviorTestKit}: hand its
 * {@link #ref()} to the actor under test and read what it sent, synchronously, without an
 * actor system.
 *
 * @param <T> the messages it accepts
 */
public final class TestInbox<T> {

    private final String path;
    private final ConcurrentLinkedQueue<T> messages = new ConcurrentLinkedQueue<>();
    private final ActorRef<T> ref;

    /**
     * An inbox whose ref has the given path.
     *
     * @param path the path its ref reports, for example {@code "client"}
     */
    public TestInbox(String path) {
        this.path = Objects.requireNonNull(path, "path");
        this.ref = new InboxRef();
    }

    /**
     * An inbox named {@code inbox}.
     */
    public TestInbox() {
        this("inbox");
    }

    /**
     * The ref to give to the actor under test.
     *
     * @return the ref
     */
    public ActorRef<T> ref() {
        return ref;
    }

    /**
     * The oldest message not yet read.
     *
     * @return the message
     * @throws AssertionError if there is none
     */
    public T receiveMessage() {
        T m = messages.poll();
        if (m == null) {
            throw new AssertionError(path + ": expected a message but the inbox is empty");
        }
        return m;
    }

    /**
     * Expects the oldest unread message to equal {@code expected}.
     *
     * @param expected the message
     * @return the message read
     * @throws AssertionError if the inbox is empty or holds another message first
     */
    public T expectMessage(T expected) {
        Objects.requireNonNull(expected, "expected");
        T m = messages.poll();
        if (m == null) {
            throw new AssertionError(path + ": expected " + expected + " but the inbox is empty");
        }
        if (!expected.equals(m)) {
            throw new AssertionError(path + ": expected " + expected + " but got " + m
                    + (messages.isEmpty() ? "" : " (then " + new ArrayList<>(messages) + ")"));
        }
        return m;
    }

    /**
     * Every unread message, oldest first; the inbox is then empty.
     *
     * @return the messages
     */
    public List<T> receiveAll() {
        List<T> out = new ArrayList<>();
        T m;
        while ((m = messages.poll()) != null) {
            out.add(m);
        }
        return out;
    }

    /**
     * Whether unread messages are waiting.
     *
     * @return true if the inbox is not empty
     */
    public boolean hasMessages() {
        return !messages.isEmpty();
    }

    @Override
    public String toString() {
        return "TestInbox[" + path + ", " + messages.size() + " unread]";
    }

    private final class InboxRef implements ActorRef<T> {
        @Override
        public void tell(T message) {
            messages.add(Objects.requireNonNull(message, "message must not be null"));
        }

        @Override
        public String name() {
            int slash = path.lastIndexOf('/');
            return slash < 0 ? path : path.substring(slash + 1);
        }

        @Override
        public String path() {
            return path;
        }

        @Override
        public String toString() {
            return "ActorRef[" + path + "]";
        }
    }
}
