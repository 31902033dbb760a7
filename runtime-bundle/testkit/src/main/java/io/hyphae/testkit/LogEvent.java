package io.hyphae.testkit;

import org.slf4j.event.Level;

/**
 * One log event seen by a {@link LogCapture}.
 *
 * @param level the level
 * @param logger the logger's name
 * @param message the message with its arguments filled in
 * @param throwable what was logged with it, or null
 * @param thread the thread that logged it
 */
public record LogEvent(Level level, String logger, String message, Throwable throwable, String thread) {

    @Override
    public String toString() {
        return level + " " + logger + " [" + thread + "] " + message
                + (throwable != null ? " (" + throwable + ")" : "");
    }
}
