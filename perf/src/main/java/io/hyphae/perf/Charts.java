package io.hyphae.perf;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns JMH JSON results into a table and a self-contained chart, or compares two result
 * files. Each row is the median of all measurement iterations of one benchmark and
 * parameter set, with the min–max range; Hyphae rows carry their implementation (mailbox,
 * topic index), Pekko rows are the peer, and each Hyphae row gets its ratio to Pekko's.
 *
 * <pre>
 * java -cp perf/target/benchmarks.jar io.hyphae.perf.Charts RESULTS.json [OUT-PREFIX]
 * java -cp perf/target/benchmarks.jar io.hyphae.perf.Charts --compare BASE.json NEW.json
 * </pre>
 * The first form prints the table and writes OUT-PREFIX.svg and OUT-PREFIX.html (default:
 * beside the results file).
 */
public final class Charts {

    /**
     * One benchmark and parameter set. In JMH's sample mode the figures are of single
     * operations: median is p50, min and max p0 and p100, and p95 and p99 are set;
     * otherwise they are of iterations and p95 and p99 are NaN.
     */
    record Row(String group, String impl, String unit, double median, double min, double max, double p95,
            double p99) {

        Row(String group, String impl, String unit, double median, double min, double max) {
            this(group, impl, unit, median, min, max, Double.NaN, Double.NaN);
        }

        boolean sampled() {
            return !Double.isNaN(p99);
        }

        boolean higherIsBetter() {
            return unit.startsWith("ops/");
        }

        String key() {
            return group + " | " + impl;
        }
    }

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
            System.out.print(compare(read(Path.of(args[1])), read(Path.of(args[2]))));
            return;
        }
        if (args.length < 1 || args.length > 2 || args[0].startsWith("--")) {
            System.err.println("usage: Charts RESULTS.json [OUT-PREFIX] | Charts --compare BASE.json NEW.json");
            System.exit(2);
        }
        Path in = Path.of(args[0]);
        String prefix = args.length == 2 ? args[1] : in.toString().replaceFirst("\\.json$", "");
        List<Row> rows = read(in);
        String table = table(rows);
        System.out.print(table);
        String svg = svg(rows, in.getFileName().toString());
        Files.writeString(Path.of(prefix + ".svg"), svg, StandardCharsets.UTF_8);
        Files.writeString(Path.of(prefix + ".html"), "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
                + escape(in.getFileName().toString()) + "</title></head><body style=\"font-family:sans-serif\">\n"
                + svg + "\n<pre>" + escape(table) + "</pre>\n</body></html>\n", StandardCharsets.UTF_8);
        System.out.println("wrote " + prefix + ".svg and " + prefix + ".html");
    }

    /** Reads a JMH JSON result file. */
    @SuppressWarnings("unchecked")
    static List<Row> read(Path json) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Object o : (List<Object>) Json.parse(Files.readString(json))) {
            Map<String, Object> b = (Map<String, Object>) o;
            String[] parts = ((String) b.get("benchmark")).split("\\.");
            String cls = parts[parts.length - 2];
            String method = parts[parts.length - 1];
            Map<String, Object> params = (Map<String, Object>) b.getOrDefault("params", Map.of());
            StringBuilder impl = new StringBuilder(cls.startsWith("Pekko") ? "pekko" : "hyphae");
            boolean sampled = "sample".equals(b.get("mode"));
            StringBuilder group = new StringBuilder(method + (sampled ? " (sample)" : ""));
            for (Map.Entry<String, Object> p : new TreeMap<>(params).entrySet()) {
                switch (p.getKey()) {
                    case "threads" -> { }
                    case "mailbox", "index" -> impl.append(' ').append(p.getValue());
                    default -> group.append(' ').append(p.getKey()).append('=').append(p.getValue());
                }
            }
            Map<String, Object> metric = (Map<String, Object>) b.get("primaryMetric");
            if (sampled) {
                Map<String, Object> pct = (Map<String, Object>) metric.get("scorePercentiles");
                rows.add(new Row(group.toString(), impl.toString(), (String) metric.get("scoreUnit"),
                        (Double) pct.get("50.0"), (Double) pct.get("0.0"), (Double) pct.get("100.0"),
                        (Double) pct.get("95.0"), (Double) pct.get("99.0")));
                continue;
            }
            List<Double> raw = new ArrayList<>();
            for (Object it : (List<Object>) metric.get("rawData")) {
                for (Object v : (List<Object>) it) {
                    raw.add((Double) v);
                }
            }
            raw.sort(null);
            double median = raw.size() % 2 == 1 ? raw.get(raw.size() / 2)
                    : (raw.get(raw.size() / 2 - 1) + raw.get(raw.size() / 2)) / 2;
            rows.add(new Row(group.toString(), impl.toString(), (String) metric.get("scoreUnit"), median,
                    raw.get(0), raw.get(raw.size() - 1)));
        }
        return rows;
    }

    private static Map<String, List<Row>> byGroup(List<Row> rows) {
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        return groups;
    }

    /** The peer's row of a group, if the results hold one. */
    private static Optional<Row> peer(List<Row> group) {
        return group.stream().filter(r -> r.impl().equals("pekko")).findFirst();
    }

    /** How many times better than {@code base} a row is: above 1 is better, whatever the unit. */
    static double advantage(Row row, Row base) {
        return row.higherIsBetter() ? row.median() / base.median() : base.median() / row.median();
    }

    static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-34s %-18s %14s %-7s %23s %9s %9s %9s%n", "benchmark",
                "implementation", "median", "unit", "min-max", "p95", "p99", "vs pekko"));
        for (List<Row> group : byGroup(rows).values()) {
            Optional<Row> peer = peer(group);
            for (Row r : group) {
                String ratio = peer.isPresent() && r != peer.get()
                        ? String.format(Locale.ROOT, "%.2fx", advantage(r, peer.get())) : "";
                sb.append(String.format(Locale.ROOT, "%-34s %-18s %14s %-7s %23s %9s %9s %9s%n", r.group(), r.impl(),
                        number(r.median()), r.unit(), number(r.min()) + "-" + number(r.max()),
                        r.sampled() ? number(r.p95()) : "", r.sampled() ? number(r.p99()) : "", ratio));
            }
        }
        return sb.toString();
    }

    static String compare(List<Row> base, List<Row> next) {
        Map<String, Row> before = new LinkedHashMap<>();
        for (Row r : base) {
            before.put(r.key(), r);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-34s %-18s %14s %14s %-7s %9s%n", "benchmark", "implementation",
                "base", "new", "unit", "new/base"));
        for (Row r : next) {
            Row b = before.remove(r.key());
            if (b == null) {
                sb.append(String.format(Locale.ROOT, "%-34s %-18s %14s %14s %-7s %9s%n", r.group(), r.impl(), "-",
                        number(r.median()), r.unit(), "new"));
            } else {
                double adv = advantage(r, b);
                sb.append(String.format(Locale.ROOT, "%-34s %-18s %14s %14s %-7s %8.2fx %s%n", r.group(), r.impl(),
                        number(b.median()), number(r.median()), r.unit(), adv,
                        adv >= 1.1 ? "better" : adv <= 0.9 ? "WORSE" : ""));
            }
        }
        for (Row b : before.values()) {
            sb.append(String.format(Locale.ROOT, "%-34s %-18s %14s %14s %-7s %9s%n", b.group(), b.impl(),
                    number(b.median()), "-", b.unit(), "gone"));
        }
        sb.append("better/WORSE: at least 10% either way, by median (higher ops/s or lower time is better)\n");
        return sb.toString();
    }

    private static String number(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.2fM", v / 1e6);
        }
        if (v >= 1e4) {
            return String.format(Locale.ROOT, "%.1fk", v / 1e3);
        }
        return String.format(Locale.ROOT, v >= 100 ? "%.0f" : "%.2f", v);
    }

    private static final String[] COLORS = {"#3b6ea5", "#6a9fd4", "#9cc3e8", "#2f8f5b", "#77b48c", "#b0d7b9"};
    private static final String PEER_COLOR = "#c0504d";

    /** Small multiples: one panel per benchmark, one bar per implementation, min–max whiskers. */
    static String svg(List<Row> rows, String title) {
        int width = 760;
        int labelWidth = 230;
        int barArea = width - labelWidth - 110;
        int bar = 16;
        Map<String, List<Row>> groups = byGroup(rows);
        List<String> impls = new ArrayList<>();
        for (Row r : rows) {
            if (!impls.contains(r.impl())) {
                impls.add(r.impl());
            }
        }
        StringBuilder body = new StringBuilder();
        int y = 40;
        for (Map.Entry<String, List<Row>> g : groups.entrySet()) {
            List<Row> group = g.getValue();
            // Sampled rows: the whisker ends at p99; a single slow operation would hide the rest.
            double max = group.stream().mapToDouble(r -> r.sampled() ? r.p99() : r.max()).max().orElse(1);
            Row first = group.get(0);
            body.append(String.format(Locale.ROOT, "<text x=\"8\" y=\"%d\" font-weight=\"bold\">%s</text>"
                    + "<text x=\"%d\" y=\"%d\" fill=\"#666\">%s, %s is better</text>%n", y + 12, escape(g.getKey()),
                    labelWidth, y + 12, escape(first.unit()), first.higherIsBetter() ? "higher" : "lower"));
            y += 18;
            for (Row r : group) {
                String color = r.impl().equals("pekko") ? PEER_COLOR : COLORS[impls.indexOf(r.impl()) % COLORS.length];
                double w = barArea * r.median() / max;
                double x0 = labelWidth + barArea * r.min() / max;
                double x1 = labelWidth + barArea * (r.sampled() ? r.p99() : r.max()) / max;
                body.append(String.format(Locale.ROOT,
                        "<text x=\"20\" y=\"%d\">%s</text><rect x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" "
                                + "fill=\"%s\"/><line x1=\"%.1f\" x2=\"%.1f\" y1=\"%d\" y2=\"%d\" stroke=\"#333\"/>"
                                + "<text x=\"%.1f\" y=\"%d\">%s</text>%n",
                        y + 12, escape(r.impl()), labelWidth, y, w, bar - 3, color, x0, x1, y + 7, y + 7,
                        labelWidth + Math.max(w, x1 - labelWidth) + 6, y + 12, number(r.median())));
                y += bar;
            }
            y += 10;
        }
        return String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\"><rect width=\"100%%\" height=\"100%%\" fill=\"white\"/>"
                + "<text x=\"8\" y=\"20\" font-size=\"14\">%s: median, whiskers min-max "
                + "(sample mode: per operation, p0-p99)</text>%n"
                + "%s</svg>%n", width, y + 10, escape(title), body);
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
