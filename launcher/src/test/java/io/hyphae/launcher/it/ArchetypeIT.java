package io.hyphae.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What README's "Your first bundle" promises, done by the build: generate a project from
 * the archetype, build it offline (its unit tests on the testkit, and its own container test
 * against this build's container), then deploy its jar and pipe a command into the container.
 * Needs the Hyphae artifacts in the local repository, which {@code mvn -B install} puts there
 * before this module's integration tests run.
 */
class ArchetypeIT {

    private static final String VERSION = System.getProperty("hyphae.version", "0.1.0-SNAPSHOT");

    @Test
    void aGeneratedProjectBuildsOfflinePassesItsTestsAndItsCommandWorksInTheContainer() throws Exception {
        Path work = Path.of(System.getProperty("hyphae.work.dir", "target/it-work")).resolve("archetype")
                .toAbsolutePath();
        delete(work);
        Files.createDirectories(work);
        mvn(work, "archetype:generate", "-DarchetypeGroupId=io.hyphae", "-DarchetypeArtifactId=io.hyphae.archetype",
                "-DarchetypeVersion=" + VERSION, "-DgroupId=com.example", "-DartifactId=greetings",
                "-Dversion=1.0.0", "-Dpackage=com.example.greetings", "-DinteractiveMode=false");
        Path project = work.resolve("greetings");
        assertTrue(Files.isRegularFile(project.resolve("src/main/java/com/example/greetings/Greeter.java")));

        Path container = ContainerIT.containerDir().toAbsolutePath();
        String build = mvn(project, "-o", "verify", "-Dhyphae.home=" + container);
        assertTrue(build.contains("Tests run: 2, Failures: 0, Errors: 0, Skipped: 0"), "unit tests ran:\n" + build);
        assertTrue(build.contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0, Time elapsed")
                && build.contains("in com.example.greetings.ContainerIT"), "its container test ran:\n" + build);
        Path jar = project.resolve("target/greetings-1.0.0.jar");
        assertTrue(Files.isRegularFile(jar));

        // The jar dropped into a fresh container copy; a piped command works on the first try.
        Path home = work.resolve("container");
        try (Stream<Path> files = Files.walk(container)) {
            for (Path f : files.toList()) {
                Path target = home.resolve(container.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(target);
                } else if (!f.startsWith(container.resolve("data"))) {
                    Files.copy(f, target);
                }
            }
        }
        Files.createDirectories(home.resolve("deploy"));
        Files.copy(jar, home.resolve("deploy").resolve(jar.getFileName()));
        Files.deleteIfExists(home.resolve("conf").resolve("startup.gosh"));
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-Dhyphae.home=" + home, "-jar",
                home.resolve("hyphae.jar").toString()).redirectErrorStream(true).start();
        p.getOutputStream().write("app:greet ann\napp:greet bob\napp:audit\n".getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), out);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("g! app:greet ann\nhello, ann\n"), out);
        assertTrue(out.contains("g! app:audit\n2 greetings\n"), out);
    }

    /** Runs Maven (the one running this build, on its local repository) and returns its output. */
    private static String mvn(Path dir, String... args) throws IOException, InterruptedException {
        String home = System.getProperty("maven.home");
        assertTrue(home != null && !home.isBlank(), "maven.home is not set; run this test through Maven");
        List<String> command = new ArrayList<>(List.of(Path.of(home, "bin", "mvn").toString(), "-B"));
        String repo = System.getProperty("maven.repo.local", "");
        if (!repo.isBlank()) {
            command.add("-Dmaven.repo.local=" + repo);
        }
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(10, TimeUnit.MINUTES), out);
        assertEquals(0, p.exitValue(), () -> String.join(" ", command) + " failed:\n" + out);
        return out;
    }

    private static void delete(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
            }
        }
    }
}
