package io.hyphae.api.supervision;

import org.osgi.annotation.versioning.ProviderType;

/**
 * The message type of a supervisor actor. Commands are made by the implementation;
 * use a {@link Supervisor} to send them.
 */
@ProviderType
public interface SupervisorCommand {
}
