package io.hyphae.perf;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * Runs every benchmark once, briefly and with its smallest sizes, to find broken ones: it
 * fails if a benchmark throws or a benchmark method did not run, never because of a score.
 * Takes about two minutes on two cores.
 *
 * <pre>java -cp perf/target/benchmarks.jar io.hyphae.perf.Smoke [regex]</pre>
 */
public final class Smoke {

    private Smoke() {
    }

    /**
     * Runs the smoke test; exits with 1 if a benchmark is broken.
     *
     * @param args an optional regex of benchmarks (default: all)
     * @throws RunnerException if JMH cannot run
     */
    public static void main(String[] args) throws RunnerException {
        String include = args.length > 0 ? args[0] : "io\\.hyphae\\.perf\\..*";
        long start = System.nanoTime();
        Options options = new OptionsBuilder()
                .include(include)
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .measurementTime(TimeValue.milliseconds(100))
                .shouldFailOnError(true)
                // The smallest sizes: the point is that each benchmark runs, not how fast.
                .param("subscribers", "10")
                .param("topics", "10")
                .build();
        Collection<RunResult> results = new Runner(options).run();
        SortedSet<String> ran = new TreeSet<>();
        for (RunResult r : results) {
            ran.add(r.getParams().getBenchmark());
        }
        SortedSet<String> expected = new TreeSet<>();
        Pattern wanted = Pattern.compile(include);
        for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of())) {
            if (wanted.matcher(e.getUsername()).find()) {
                expected.add(e.getUsername());
            }
        }
        expected.removeAll(ran);
        System.out.printf(Locale.ROOT, "smoke: %d benchmark methods ran (%d results) in %.0f s%n", ran.size(),
                results.size(), (System.nanoTime() - start) / 1e9);
        if (!expected.isEmpty() || ran.isEmpty()) {
            System.out.println("smoke FAILED: did not run " + expected);
            System.exit(1);
        }
    }
}
