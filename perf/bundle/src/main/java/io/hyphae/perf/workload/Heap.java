package io.hyphae.perf.workload;

import java.lang.management.ManagementFactory;

/** The live heap, for footprint figures; shared with the JMH module's footprint probes. */
public final class Heap {

    private Heap() {
    }

    /**
     * The least heap used after four full collections, 50 ms apart: the live heap, give or
     * take floating garbage.
     *
     * @return bytes
     * @throws InterruptedException if interrupted between collections
     */
    public static long live() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(50);
            best = Math.min(best, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return best;
    }
}
