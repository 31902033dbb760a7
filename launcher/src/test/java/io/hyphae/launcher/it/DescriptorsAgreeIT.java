package io.hyphae.launcher.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.module.Configuration;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every Hyphae jar is both a bundle and a module, and the two descriptions agree:
 * Bundle-SymbolicName equals the module name, Export-Package equals the module's exports,
 * and every {@code provides} also has a {@code META-INF/services} entry for class-path use.
 */
class DescriptorsAgreeIT {

    @TestFactory
    Stream<DynamicTest> bundleAndModuleDescriptorsAgree() throws IOException {
        List<Path> jars;
        // The module path of the demo, and the testkit (a test dependency, not on it).
        try (Stream<Path> s = Stream.concat(Files.list(ModulePathDemoIT.modulesDir()),
                Files.list(Path.of(System.getProperty("hyphae.it.testkit.dir", "target/it-testkit"))))) {
            jars = s.filter(p -> p.getFileName().toString().startsWith("io.hyphae.")).sorted()
                    .collect(Collectors.toList());
        }
        assertTrue(jars.stream().anyMatch(p -> p.getFileName().toString().startsWith("io.hyphae.testkit-")),
                "the testkit is checked too: " + jars);
        assertTrue(jars.size() >= 3, "api, runtime and launcher jars expected in " + jars);
        return jars.stream().map(jar -> DynamicTest.dynamicTest(jar.getFileName().toString(), () -> check(jar)));
    }

    /** The testkit resolves as a named module with the runtime and the JUnit API modules it ships with. */
    @Test
    void theTestkitResolvesOnTheModulePath() {
        ModuleFinder finder = ModuleFinder.of(ModulePathDemoIT.modulesDir(),
                Path.of(System.getProperty("hyphae.it.testkit.dir", "target/it-testkit")));
        Configuration cf = ModuleLayer.boot().configuration().resolve(finder, ModuleFinder.of(),
                Set.of("io.hyphae.testkit", "io.hyphae.runtime"));
        assertTrue(cf.findModule("org.junit.jupiter.api").isPresent(), "JUnit's API resolves beside it");
        ModuleDescriptor testkit = cf.findModule("io.hyphae.testkit").orElseThrow().reference().descriptor();
        assertEquals(Set.of("io.hyphae.testkit", "io.hyphae.testkit.tck"), testkit.exports().stream()
                .map(ModuleDescriptor.Exports::source).collect(Collectors.toSet()));
    }

    private static void check(Path jar) throws IOException {
        ModuleDescriptor module = ModuleFinder.of(jar).findAll().iterator().next().descriptor();
        assertFalse(module.isAutomatic(), jar + " must carry a module-info.class");
        try (JarFile jf = new JarFile(jar.toFile())) {
            Attributes main = jf.getManifest().getMainAttributes();
            String bsn = main.getValue("Bundle-SymbolicName");
            assertNotNull(bsn, "Bundle-SymbolicName in " + jar);
            assertEquals(module.name(), bsn.split(";")[0].trim(), "module name == Bundle-SymbolicName");
            assertNotNull(main.getValue("Bundle-Version"));
            assertEquals("2", main.getValue("Bundle-ManifestVersion"));

            Set<String> osgiExports = new TreeSet<>(packageNames(main.getValue("Export-Package")));
            Set<String> jpmsExports = module.exports().stream().filter(e -> !e.isQualified())
                    .map(ModuleDescriptor.Exports::source).collect(Collectors.toCollection(TreeSet::new));
            assertEquals(osgiExports, jpmsExports, "Export-Package == module exports");
            for (String pkg : jpmsExports) {
                assertTrue(module.packages().contains(pkg));
                assertTrue(pkg.startsWith(module.name()), pkg + " lies under the root package " + module.name());
            }

            for (ModuleDescriptor.Provides p : module.provides()) {
                var entry = jf.getEntry("META-INF/services/" + p.service());
                assertNotNull(entry, "META-INF/services/" + p.service() + " for class-path use");
                String listed = new String(jf.getInputStream(entry).readAllBytes()).trim();
                assertEquals(new TreeSet<>(p.providers()), new TreeSet<>(List.of(listed.split("\\s+"))),
                        "providers of " + p.service());
            }
        }
    }

    /** The package names of an OSGi header: clauses split on commas outside quotes. */
    static List<String> packageNames(String header) {
        List<String> names = new ArrayList<>();
        if (header == null || header.isBlank()) {
            return names;
        }
        boolean quoted = false;
        StringBuilder clause = new StringBuilder();
        for (char c : (header + ",").toCharArray()) {
            if (c == '"') {
                quoted = !quoted;
            }
            if (c == ',' && !quoted) {
                names.add(clause.toString().split(";")[0].trim());
                clause.setLength(0);
            } else {
                clause.append(c);
            }
        }
        return names;
    }
}
