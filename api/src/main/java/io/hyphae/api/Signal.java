package io.hyphae.api;

/**
 * A lifecycle notification delivered to {@link Actor#onSignal} rather than as a message.
 */
public sealed interface Signal permits Terminated, ChildStarted, ChildHalted {
}
