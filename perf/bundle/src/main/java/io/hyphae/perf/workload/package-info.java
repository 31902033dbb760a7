/**
 * The benchmark workloads, each defined once: the {@code hyphae:perf} suite runs them in a
 * container or on the module path, and the JMH adapters in {@code perf/} run them in
 * forked JVMs. Every workload verifies its work after the last invocation, so a lost or
 * duplicated message fails either harness. Public for the JMH adapters; not exported.
 */
package io.hyphae.perf.workload;
