package io.hyphae.perf.suite;

import io.hyphae.perf.report.Report;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code perf} command, for the shell and the module path alike:
 * <pre>
 * perf [SUITE] [--quick]     run a suite (default all), print progress and a table,
 *                            write JSON, SVG and HTML into the results folder
 * perf list [SUITE]          what would run on the deployed services, and what would not
 * perf compare BASE NEW      ratios between two result files (also JMH's)
 * </pre>
 * A benchmark that throws, loses a message or passes a deadline fails the run, after
 * the others ran and the results were written; slow numbers never do.
 */
public final class Perf {

    /** The command's usage. */
    public static final String USAGE = "usage: perf [all|" + String.join("|", Suites.NAMES) + "] [--quick]"
            + " | perf list [SUITE] | perf compare BASE.json NEW.json";

    private static final Logger LOG = LoggerFactory.getLogger(Perf.class);
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private final Target target;
    private final Path results;
    private final Consumer<String> out;
    private final Shape quick;
    private final Shape full;

    /**
     * A command over deployed services.
     *
     * @param target the services to measure
     * @param results the folder for result files, made when first needed
     * @param out where progress lines go, one call per line
     */
    public Perf(Target target, Path results, Consumer<String> out) {
        this(target, results, out, Shape.QUICK, Shape.FULL);
    }

    Perf(Target target, Path results, Consumer<String> out, Shape quick, Shape full) {
        this.target = Objects.requireNonNull(target, "target");
        this.results = Objects.requireNonNull(results, "results");
        this.out = Objects.requireNonNull(out, "out");
        this.quick = quick;
        this.full = full;
    }

    /**
     * Runs the command.
     *
     * @param args the arguments, as in the class comment
     * @return the final text to show
     * @throws IllegalArgumentException for bad arguments, with the usage
     * @throws IllegalStateException if a benchmark failed (after all ran and the results were written)
     * @throws IOException if a file cannot be read or written
     */
    public String command(List<String> args) throws IOException {
        List<String> rest = new ArrayList<>(args);
        boolean small = rest.remove("--quick");
        for (String a : rest) {
            if (a.startsWith("--")) {
                throw new IllegalArgumentException("unknown option '" + a + "'; " + USAGE);
            }
        }
        if (!rest.isEmpty() && rest.get(0).equals("compare")) {
            if (rest.size() != 3 || small) {
                throw new IllegalArgumentException(USAGE);
            }
            return Report.compare(Report.read(file(rest.get(1))), Report.read(file(rest.get(2))));
        }
        if (!rest.isEmpty() && rest.get(0).equals("list")) {
            if (rest.size() > 2) {
                throw new IllegalArgumentException(USAGE);
            }
            return list(Suites.plan(target, rest.size() == 2 ? rest.get(1) : "all", small));
        }
        if (rest.size() > 1) {
            throw new IllegalArgumentException(USAGE);
        }
        String suite = rest.isEmpty() ? "all" : rest.get(0);
        return run(suite, Suites.plan(target, suite, small), small ? quick : full);
    }

    /** A result file by path, or by name in the results folder. */
    private Path file(String name) throws IOException {
        Path p = Path.of(name);
        if (Files.isRegularFile(p)) {
            return p;
        }
        Path inResults = results.resolve(name);
        if (Files.isRegularFile(inResults)) {
            return inResults;
        }
        throw new IllegalArgumentException("no result file '" + name + "' here or in " + results);
    }

    private static String list(Suites.Plan plan) {
        StringBuilder sb = new StringBuilder();
        for (Spec s : plan.specs()) {
            sb.append(String.format(Locale.ROOT, "%-12s %-13s %s%n", s.suite(), s.mode().label, s.label()));
        }
        for (String s : plan.skipped()) {
            sb.append("skipped: ").append(s).append('\n');
        }
        return sb.toString();
    }

    private String run(String suite, Suites.Plan plan, Shape shape) throws IOException {
        Runner runner = new Runner(shape);
        List<Result> done = new ArrayList<>();
        List<String> failed = new ArrayList<>();
        long deadBefore = target.system().metrics().deadLetters();
        long start = System.nanoTime();
        int n = plan.specs().size();
        LOG.info("perf: running {} benchmarks of suite '{}' ({} warm-up and {} measured iterations of {} ms)", n, suite,
                shape.warmups(), shape.iterations(), shape.time().toMillis());
        out.accept(String.format(Locale.ROOT, "suite %s: %d benchmarks, %d+%d iterations of %d ms each", suite, n,
                shape.warmups(), shape.iterations(), shape.time().toMillis()));
        for (int i = 0; i < n; i++) {
            Spec spec = plan.specs().get(i);
            String head = String.format(Locale.ROOT, "[%2d/%d] %-12s %-44s", i + 1, n, spec.suite(), spec.label());
            try {
                Result r = runner.run(spec);
                done.add(r);
                out.accept(head + " " + summary(r));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                failed.add(spec.label() + ": interrupted");
                out.accept(head + " INTERRUPTED");
                break;
            } catch (Exception | AssertionError e) {
                LOG.warn("perf: benchmark {} failed", spec.label(), e);
                failed.add(spec.label() + ": " + e);
                out.accept(head + " FAILED: " + e);
            }
        }
        long deadLetters = target.system().metrics().deadLetters() - deadBefore;
        StringBuilder sb = new StringBuilder();
        if (!done.isEmpty()) {
            String json = Result.file(done);
            List<Report.Row> rows = Report.parse(json);
            sb.append(Report.table(rows));
            Path file = write(suite, json);
            String prefix = file.toString().replaceFirst("\\.json$", "");
            List<Path> charts = Report.write(rows, file.getFileName().toString(), prefix);
            sb.append("results: ").append(file).append(", ").append(charts.get(0).getFileName()).append(", ")
                    .append(charts.get(1).getFileName()).append('\n');
        }
        for (String s : plan.skipped()) {
            sb.append("skipped: ").append(s).append('\n');
        }
        sb.append(String.format(Locale.ROOT, "%d benchmarks in %.0f s; %d failed; dead letters during the run: %d%n",
                n, (System.nanoTime() - start) / 1e9, failed.size(), deadLetters));
        LOG.info("perf: suite '{}' done, {} of {} benchmarks failed", suite, failed.size(), n);
        if (!failed.isEmpty()) {
            out.accept(sb.toString().stripTrailing());
            throw new IllegalStateException(failed.size() + " of " + n + " benchmarks failed: "
                    + String.join("; ", failed));
        }
        return sb.toString();
    }

    private static String summary(Result r) {
        return switch (r.spec().mode()) {
            case SAMPLE -> String.format(Locale.ROOT, "p50 %s  p95 %s  p99 %s ns", Report.format(r.percentile(50)),
                    Report.format(r.percentile(95)), Report.format(r.percentile(99)));
            default -> String.format(Locale.ROOT, "%s %s", Report.format(r.median()), r.spec().unit());
        };
    }

    private Path write(String suite, String json) throws IOException {
        Files.createDirectories(results);
        String base = "perf-" + suite + "-" + LocalDateTime.now().format(STAMP);
        Path file = results.resolve(base + ".json");
        for (int k = 2; Files.exists(file); k++) {
            file = results.resolve(base + "-" + k + ".json");
        }
        Files.writeString(file, json, StandardCharsets.UTF_8);
        return file;
    }
}
