package io.hyphae.perf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Every benchmark of the shaded jar runs once ({@link Smoke}), so a broken benchmark fails
 * the build; scores are never checked. A second pass runs a few of them in an embedded
 * Felix on the container's bundles, when the launcher has been built.
 */
class BenchmarksSmokeIT {

    private static String run(String... extra) throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        for (String e : extra) {
            if (e.startsWith("-D")) {
                cmd.add(e);
            }
        }
        cmd.addAll(List.of("-cp", System.getProperty("hyphae.benchmarks.jar", "target/benchmarks.jar"),
                "io.hyphae.perf.Smoke"));
        for (String e : extra) {
            if (!e.startsWith("-D")) {
                cmd.add(e);
            }
        }
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), "smoke run finished");
        String text = new String(out, StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), text);
        return text;
    }

    @Test
    void everyBenchmarkRuns() throws Exception {
        String out = run();
        assertTrue(out.matches("(?s).*smoke: \\d+ benchmark methods ran.*"), out);
    }

    @Test
    void benchmarksRunInAnEmbeddedFelixOnTheContainersBundles() throws Exception {
        Path bundles = Path.of(System.getProperty("hyphae.container.bundles", "../launcher/target/hyphae/bundle"));
        Assumptions.assumeTrue(Files.isDirectory(bundles), "the launcher's container is built: " + bundles);
        String out = run("-Dhyphae.perf.bundles=" + bundles.toAbsolutePath(),
                "io\\.hyphae\\.perf\\.(ActorJmh\\.tell1to1$|BrokerJmh\\.fanOut|SupervisionJmh)");
        assertTrue(out.matches("(?s).*smoke: \\d+ benchmark methods ran.*"), out);
        // Only the runtime's DS component, which runs in OSGi alone, logs this.
        assertTrue(out.contains("RuntimeComponent - mailbox factory 'jctools' (ranking 10) available"), out);
    }
}
