/**
 * Coordinated shutdown: a system stops in ordered phases (stop accepting, drain, stop the
 * actors by tree, close services), each with a timeout and with tasks of its own, whether
 * it is terminated through the API, stopped with its container or by the JVM's exit, and
 * reports what each phase did.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.hyphae.api.shutdown;
