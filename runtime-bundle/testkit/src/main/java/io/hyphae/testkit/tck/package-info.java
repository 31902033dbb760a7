/**
 * Contract suites (TCKs) for plug-ins: a mailbox bundle subclasses
 * {@link io.hyphae.testkit.tck.MailboxQueueContract} and
 * {@link io.hyphae.testkit.tck.MailboxOverflowContract}, a topic-index bundle
 * {@link io.hyphae.testkit.tck.TopicIndexContract}, and gets the suite the built-in
 * implementations pass.
 */
@org.osgi.annotation.bundle.Export
@org.osgi.annotation.versioning.Version("1.0.0")
package io.hyphae.testkit.tck;
