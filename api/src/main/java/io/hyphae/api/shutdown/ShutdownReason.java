package io.hyphae.api.shutdown;

/** Why a coordinated shutdown ran. */
public enum ShutdownReason {
    /** Code called {@link CoordinatedShutdown#run}. */
    APPLICATION,
    /** Code called {@code ActorSystem.terminate()} or {@code close()}. */
    SYSTEM_TERMINATE,
    /** The OSGi container stopped, or the runtime bundle did. */
    CONTAINER_STOP,
    /** The JVM is exiting: the system's shutdown hook ran it. */
    JVM_EXIT
}
