/** The benchmark suite and its harness; private to the bundle. */
package io.hyphae.perf.suite;
