/**
 * The actor of the upgrade benchmark, and the activator that declares it when the two are
 * packaged as a bundle of their own at run time.
 */
package io.hyphae.perf.upgrade;
