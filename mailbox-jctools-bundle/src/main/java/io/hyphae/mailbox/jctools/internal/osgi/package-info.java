/** The DS component of the JCTools mailbox bundle. Not exported. */
package io.hyphae.mailbox.jctools.internal.osgi;
