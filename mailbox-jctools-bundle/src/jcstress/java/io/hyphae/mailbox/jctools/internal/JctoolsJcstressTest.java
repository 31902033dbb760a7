package io.hyphae.mailbox.jctools.internal;

import io.hyphae.runtime.testsupport.Jcstress;
import org.junit.jupiter.api.Test;

/** Runs the JCTools mailboxes' jcstress tests (profile {@code jcstress}). */
class JctoolsJcstressTest {

    @Test
    void jctoolsQueuesKeepTheCellsConcurrencyContracts() throws Exception {
        Jcstress.run("io.hyphae.mailbox.jctools.internal");
    }
}
