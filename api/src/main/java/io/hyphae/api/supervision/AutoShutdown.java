package io.hyphae.api.supervision;

/**
 * Whether a supervisor shuts itself down when significant children end by themselves
 * (a transient one exiting normally, a temporary one exiting in any way). Children the
 * supervisor stops itself never trigger it.
 */
public enum AutoShutdown {
    /** Never; significant children are then rejected. */
    NEVER,
    /** When any significant child ends. */
    ANY_SIGNIFICANT,
    /** When the last significant child has ended. */
    ALL_SIGNIFICANT
}
