/** The example's OSGi components; private to the bundle. */
package io.hyphae.example.internal;
