/** The {@code hyphae:perf} shell command as a DS component; private to the bundle. */
package io.hyphae.perf.osgi;
