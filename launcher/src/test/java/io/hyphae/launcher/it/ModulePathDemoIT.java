package io.hyphae.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Runs the demo (the example's tour) in a fresh JVM on the module path, with no OSGi classes present. */
class ModulePathDemoIT {

    static Path modulesDir() {
        return Path.of(System.getProperty("hyphae.modules.dir", "target/modules"));
    }

    @Test
    void modulePathHoldsNoOsgiJars() throws IOException {
        try (Stream<Path> jars = Files.list(modulesDir())) {
            List<String> names = jars.map(p -> p.getFileName().toString()).collect(Collectors.toList());
            assertTrue(names.stream().anyMatch(n -> n.startsWith("io.hyphae.runtime")), names::toString);
            assertFalse(names.stream().anyMatch(n -> n.contains("osgi") || n.contains("felix")), names::toString);
        }
    }

    @Test
    void demoRunsOnTheModulePath() throws Exception {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        String modulePath = ContainerIT.containerDir().resolve("hyphae.jar").toString() + File.pathSeparator
                + modulesDir();
        Process p = new ProcessBuilder(java.toString(), "--module-path", modulePath,
                "--module", "io.hyphae.launcher/io.hyphae.launcher.Demo")
                .redirectErrorStream(true)
                .start();
        p.getOutputStream().close();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(2, TimeUnit.MINUTES), "demo finished");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("Tour finished: all checks passed"), output);
        // The JCTools mailbox module is on the module path and outranks the built-in one.
        assertTrue(output.contains("mailbox 'jctools'"), output);
    }
}
