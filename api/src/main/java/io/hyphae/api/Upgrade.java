package io.hyphae.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A completed code upgrade of one actor ({@link ActorSystem#upgrade}).
 *
 * @param path the actor's path
 * @param fromVersion the version it ran before
 * @param toVersion the version it runs now
 * @param queued messages waiting in its mailbox while the code was replaced; they are
 *        handled by the new code, in order
 * @param pause how long the replacement took on the actor's turn (no message was handled
 *        meanwhile)
 */
public record Upgrade(String path, String fromVersion, String toVersion, int queued, Duration pause) {

    /**
     * A completed upgrade.
     *
     * @param path the actor's path, not null
     * @param fromVersion the old version, not null
     * @param toVersion the new version, not null
     * @param queued messages queued at the swap, at least 0
     * @param pause time spent on the swap, not null
     */
    public Upgrade {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(fromVersion, "fromVersion");
        Objects.requireNonNull(toVersion, "toVersion");
        Objects.requireNonNull(pause, "pause");
    }
}
