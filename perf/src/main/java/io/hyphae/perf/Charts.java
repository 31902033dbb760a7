package io.hyphae.perf;

import io.hyphae.perf.report.Report;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/**
 * Prints the table of a result file (JMH's, or one written by {@code hyphae:perf}) and
 * writes its chart, or compares two result files.
 *
 * <pre>
 * java -cp perf/target/benchmarks.jar io.hyphae.perf.Charts RESULTS.json [OUT-PREFIX]
 * java -cp perf/target/benchmarks.jar io.hyphae.perf.Charts --compare BASE.json NEW.json
 * </pre>
 * The first form writes OUT-PREFIX.svg and OUT-PREFIX.html (default: beside the results file).
 */
public final class Charts {

    private Charts() {
    }

    /**
     * Runs the tool.
     *
     * @param args see the class comment
     * @throws IOException if a file cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 3 && args[0].equals("--compare")) {
            System.out.print(Report.compare(Report.read(Path.of(args[1])), Report.read(Path.of(args[2]))));
            return;
        }
        if (args.length < 1 || args.length > 2 || args[0].startsWith("--")) {
            System.err.println("usage: Charts RESULTS.json [OUT-PREFIX] | Charts --compare BASE.json NEW.json");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        String prefix = args.length == 2 ? args[1] : in.toString().replaceFirst("\\.json$", "");
        List<Report.Row> rows = Report.read(in);
        System.out.print(Report.table(rows));
        List<Path> files = Report.write(rows, in.getFileName().toString(), prefix);
        System.out.println("wrote " + files.get(0) + " and " + files.get(1));
    }
}
