package io.hyphae.runtime.internal;

import io.hyphae.runtime.testsupport.Jcstress;
import org.junit.jupiter.api.Test;

/** Runs the runtime's jcstress tests (profile {@code jcstress}). */
class RuntimeJcstressTest {

    @Test
    void cellAndBuiltinQueuesKeepTheirConcurrencyContracts() throws Exception {
        Jcstress.run("io.hyphae.runtime.internal");
    }
}
