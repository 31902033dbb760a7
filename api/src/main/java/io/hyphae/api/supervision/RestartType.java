package io.hyphae.api.supervision;

/** When a child is restarted after it exits. */
public enum RestartType {
    /** Always, whatever the exit. */
    PERMANENT,
    /** Only after an abnormal exit (an exception); a normal or shutdown exit ends it. */
    TRANSIENT,
    /** Never; any exit removes it from the supervisor. */
    TEMPORARY
}
