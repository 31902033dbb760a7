package io.hyphae.runtime.revision;

/** A message type of one code revision; loaded once per revision by {@link Revisions}. */
public record Ping(int n) {
}
