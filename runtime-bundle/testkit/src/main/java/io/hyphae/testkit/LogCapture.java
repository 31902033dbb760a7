package io.hyphae.testkit;

import io.hyphae.api.ActorSystem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import org.slf4j.event.Level;

/**
 * The log events of one actor system: everything logged on its threads (named
 * {@code hyphae-<system>-...}) and on the thread that opened the capture, at {@code level}
 * or above. Captures of different systems do not see each other's events, so parallel tests
 * each read their own. Needs {@link CapturingLogProvider} as the SLF4J provider.
 *
 * <pre>{@code
 * try (LogCapture logs = LogCapture.of(system, Level.INFO)) {
 *     ...
 *     logs.expectLog(Level.WARN, "mailbox full");
 * }
 * }</pre>
 */
public final class LogCapture implements AutoCloseable {

    private final String threadPrefix;
    private final Thread opener;
    private final Level level;
    private final Duration timeout;
    private final List<LogEvent> events = new ArrayList<>();

    private LogCapture(String systemName, Level level, Duration timeout) {
        this.threadPrefix = "hyphae-" + systemName + "-";
        this.opener = Thread.currentThread();
        this.level = Objects.requireNonNull(level, "level");
        this.timeout = timeout;
    }

    /**
     * Starts capturing the events of {@code system} at {@code level} and above.
     *
     * @param system the system
     * @param level the lowest level kept
     * @return the open capture; close it at the end of the test
     * @throws IllegalStateException if SLF4J does not run on {@link CapturingLogProvider}
     */
    public static LogCapture of(ActorSystem system, Level level) {
        return open(Objects.requireNonNull(system, "system").name(), level, ActorTestKit.DEFAULT_TIMEOUT);
    }

    static LogCapture open(String systemName, Level level, Duration timeout) {
        if (!CapturingLogProvider.active()) {
            throw new IllegalStateException("log capture needs the testkit's SLF4J provider: run the tests with "
                    + "-Dslf4j.provider=" + CapturingLogProvider.class.getName()
                    + " (surefire: <systemPropertyVariables><slf4j.provider>...)");
        }
        LogCapture c = new LogCapture(systemName, level, timeout);
        CapturingLogProvider.CAPTURES.add(c);
        return c;
    }

    boolean wants(Level l) {
        if (l.toInt() < level.toInt()) {
            return false;
        }
        Thread t = Thread.currentThread();
        return t == opener || t.getName().startsWith(threadPrefix);
    }

    void offer(LogEvent e) {
        if (wants(e.level())) {
            synchronized (events) {
                events.add(e);
                events.notifyAll();
            }
        }
    }

    /**
     * Events captured and not yet expected, oldest first.
     *
     * @return a copy
     */
    public List<LogEvent> events() {
        synchronized (events) {
            return List.copyOf(events);
        }
    }

    /**
     * Expects an event at {@code at} whose message contains {@code text} (logged already, or
     * within the timeout); it no longer counts as unread.
     *
     * @param at the level
     * @param text part of the message
     * @return the event
     * @throws AssertionError if none is logged in time
     */
    public LogEvent expectLog(Level at, String text) {
        Objects.requireNonNull(at, "level");
        Objects.requireNonNull(text, "text");
        return expectLog(at + " containing '" + text + "'", e -> e.level() == at && e.message().contains(text));
    }

    /**
     * Expects an event matching {@code condition}; it no longer counts as unread.
     *
     * @param description what is expected, for the failure message
     * @param condition the test
     * @return the event
     * @throws AssertionError if none is logged in time
     */
    public LogEvent expectLog(String description, Predicate<? super LogEvent> condition) {
        Objects.requireNonNull(condition, "condition");
        return Awaiting.takeFirst(events, events, condition, timeout, () -> "expected a log event " + description
                + " within " + TestProbe.describe(timeout) + "; captured: " + new ArrayList<>(events));
    }

    /**
     * Fails if an unread event at {@code at} contains {@code text}.
     *
     * @param at the level
     * @param text part of the message
     * @throws AssertionError if there is one
     */
    public void expectNoLog(Level at, String text) {
        for (LogEvent e : events()) {
            if (e.level() == at && e.message().contains(text)) {
                throw new AssertionError("expected no " + at + " event containing '" + text + "' but got " + e);
            }
        }
    }

    /** Stops capturing. */
    @Override
    public void close() {
        CapturingLogProvider.CAPTURES.remove(this);
    }
}
