package io.hyphae.runtime.testsupport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs jcstress tests in forked JVMs from a JUnit test and fails on any forbidden outcome
 * or test error. {@code -Dhyphae.jcstress.mode=quick|default|tough} sets the effort;
 * {@code -Dhyphae.jcstress.tests=REGEX} narrows the selection.
 */
public final class Jcstress {

    private static final Pattern PASSED = Pattern.compile("All remaining tests: (\\d+) matching");

    private Jcstress() {
    }

    /**
     * Runs the jcstress tests on the class path whose names match {@code tests} (unless
     * {@code hyphae.jcstress.tests} says otherwise).
     *
     * @param tests a regular expression over test class names
     * @throws IOException if the output cannot be written or read
     * @throws InterruptedException if interrupted while jcstress runs
     */
    public static void run(String tests) throws IOException, InterruptedException {
        Path dir = Path.of(System.getProperty("hyphae.jcstress.results", "target/jcstress-results")).toAbsolutePath();
        Files.createDirectories(dir);
        Path log = dir.resolve("output.txt");
        String selected = System.getProperty("hyphae.jcstress.tests", "");
        List<String> command = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "org.openjdk.jcstress.Main",
                "-m", System.getProperty("hyphae.jcstress.mode", "quick"),
                "-t", selected.isBlank() || "io.hyphae".equals(selected) ? tests : selected,
                "-r", dir.toString());
        // jcstress also writes a raw results file into its working directory.
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(log.toFile()).start();
        assertEquals(0, p.waitFor(), () -> "jcstress exited with an error; see " + log);
        String out = Files.readString(log, StandardCharsets.UTF_8);
        assertTrue(out.contains("RUN RESULTS"), () -> "no jcstress summary in " + log);
        // jcstress skips, and reports only here, a test with more actors than the machine has CPUs.
        assertFalse(out.contains("these tests would not run"), () -> "some selected tests need more CPUs than this"
                + " machine has and did not run; keep every test to two actors. See " + log);
        // A test with one actor races nothing; it happens when the actors are inherited,
        // which jcstress ignores without a word.
        assertFalse(out.contains(" 1 actors:"), () -> "some selected tests have a single actor and check no race;"
                + " declare every @Actor in the test class itself. See " + log);
        for (String kind : List.of("Failed", "Error", "Interesting")) {
            assertTrue(out.contains(kind + " tests: No matches."), () -> kind + " tests reported; see " + log
                    + " and index.html beside it");
        }
        Matcher m = PASSED.matcher(out);
        assertTrue(m.find() && Integer.parseInt(m.group(1)) > 0, () -> "no test passed; see " + log);
    }
}
