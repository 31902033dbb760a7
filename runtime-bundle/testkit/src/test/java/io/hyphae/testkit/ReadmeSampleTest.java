package io.hyphae.testkit;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The sample test that README shows is {@code com.example.ReminderTest}, which the build
 * runs; this checks that README shows it character for character.
 */
class ReadmeSampleTest {

    @Test
    void readmeShowsTheSampleTestThatTheBuildRuns() throws Exception {
        Path module = Path.of("").toAbsolutePath();
        Path readme = module.resolve("../../README.md").normalize();
        Path sample = module.resolve("src/test/java/com/example/ReminderTest.java");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        String code = Files.readString(sample, StandardCharsets.UTF_8).strip();
        assertTrue(text.contains("```java\n" + code + "\n```"),
                "README.md must show " + sample + " verbatim in a ```java block; update one from the other");
    }
}
