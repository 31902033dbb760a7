/**
 * The clock seam: the time source and scheduler an actor system reads and schedules by,
 * replaceable by a manual clock in tests.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.hyphae.api.time;
