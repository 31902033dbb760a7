/** Result tables, charts and comparisons; private to the bundle. */
package io.hyphae.perf.report;
