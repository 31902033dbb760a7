package io.hyphae.runtime.internal;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;

/** The system's last code upgrades, for the shell: what was asked and how it went. */
final class Upgrades {

    static final int RECENT = 32;

    private final ArrayDeque<RuntimeAdmin.UpgradeRecord> recent = new ArrayDeque<>();
    private long total;

    synchronized void record(RuntimeAdmin.UpgradeRecord r) {
        if (recent.size() == RECENT) {
            recent.removeFirst();
        }
        recent.addLast(r);
        total++;
    }

    synchronized List<RuntimeAdmin.UpgradeRecord> recent() {
        return List.copyOf(recent);
    }

    synchronized long total() {
        return total;
    }

    static RuntimeAdmin.UpgradeRecord of(long epochMillis, String path, String from, String to, int queued,
            long pauseNanos, String outcome) {
        return new RuntimeAdmin.UpgradeRecord(epochMillis, path, from, to, queued, Duration.ofNanos(pauseNanos),
                outcome);
    }
}
