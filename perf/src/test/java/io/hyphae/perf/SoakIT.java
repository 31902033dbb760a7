package io.hyphae.perf;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The soak at 60 % of the maximum it measures first, in the {@code soak} profile only
 * (an hour by default, {@code -Dhyphae.soak.minutes=N}). It fails if a load thread dies
 * or the heap after GC grows: the last third of the run may not exceed the second
 * report's heap by more than 25 % plus 8 MB.
 */
class SoakIT {

    @Test
    void heapStaysFlatUnderSustainedLoad() throws Exception {
        int minutes = Integer.getInteger("hyphae.soak.minutes", 60);
        Soak.Result result = Soak.run(minutes, 60, 0.6);
        SoakChart.write(result, Path.of(System.getProperty("hyphae.soak.out", "target/soak")));
        List<Soak.Report> reports = result.reports();
        assertTrue(reports.size() >= 3, "a soak needs at least three reports: " + reports.size());
        double base = reports.get(1).heapMb();
        double limit = base * 1.25 + 8;
        for (Soak.Report r : reports.subList(reports.size() * 2 / 3, reports.size())) {
            assertTrue(r.heapMb() <= limit, String.format("heap after GC %.1f MB at minute %.1f, above %.1f MB "
                    + "(report 2: %.1f MB)", r.heapMb(), r.minute(), limit, base));
        }
    }
}
