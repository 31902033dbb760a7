package ${package};

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Deploys this bundle into a copy of the Hyphae container and runs its commands there, as
 * {@code printf 'app:greet ann\napp:audit\n' | java -jar hyphae.jar} would. Needs
 * {@code -Dhyphae.home=DIR}, a Hyphae container (launcher/target/hyphae of a Hyphae build).
 */
class ContainerIT {

    @Test
    void theCommandsWorkInTheContainer() throws Exception {
        String home = System.getProperty("hyphae.home", "");
        assertTrue(!home.isBlank() && Files.isRegularFile(Path.of(home, "hyphae.jar")),
                "set -Dhyphae.home to a Hyphae container (launcher/target/hyphae of a Hyphae build); was '"
                        + home + "'");
        Path container = Path.of("target", "container");
        copy(Path.of(home), container);
        Path app = Path.of(System.getProperty("app.jar"));
        Files.copy(app, container.resolve("deploy").resolve(app.getFileName()), StandardCopyOption.REPLACE_EXISTING);

        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Dhyphae.home=" + container.toAbsolutePath(), "-jar",
                container.resolve("hyphae.jar").toAbsolutePath().toString()).redirectErrorStream(true).start();
        p.getOutputStream().write("app:greet ann\napp:audit\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("g! app:greet ann\nhello, ann\n"), out);
        assertTrue(out.contains("g! app:audit\n1 greetings\n"), out);
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path target = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.startsWith(from.resolve("data"))) {
                    Files.createDirectories(target.getParent());
                    Files.copy(f, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        Files.createDirectories(to.resolve("deploy"));
    }
}
