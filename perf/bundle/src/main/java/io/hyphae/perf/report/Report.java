package io.hyphae.perf.report;

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
 * Turns benchmark results in JMH's JSON shape into a table and a self-contained chart, and
 * compares two result files. Both the JMH suite and the container's {@code hyphae:perf}
 * write that shape, so either can be charted and compared against the other. Each row is
 * the median of all measurement iterations of one benchmark and parameter set, with the
 * min–max range; Hyphae rows carry their implementation (mailbox, topic index), Pekko rows
 * are the peer, and each Hyphae row gets its ratio to Pekko's.
 */
public final class Report {

    /**
     * One benchmark and parameter set. In sample mode the figures are of single
     * operations: median is p50, min and max p0 and p100, and p95 and p99 are set;
     * otherwise they are of iterations and p95 and p99 are NaN.
     *
     * @param group the benchmark method and its non-implementation parameters
     * @param impl {@code hyphae} or {@code pekko}, then the mailbox or index name
     * @param unit the score unit, such as {@code ops/s} or {@code ns/op}
     * @param median the median
     * @param min the least value
     * @param max the greatest value
     * @param p95 the 95th percentile of a sampled row, else NaN
     * @param p99 the 99th percentile of a sampled row, else NaN
     */
    public record Row(String group, String impl, String unit, double median, double min, double max, double p95,
            double p99) {

        /**
         * A row of iteration scores.
         *
         * @param group the benchmark
         * @param impl the implementation
         * @param unit the unit
         * @param median the median
         * @param min the least value
         * @param max the greatest value
         */
        public Row(String group, String impl, String unit, double median, double min, double max) {
            this(group, impl, unit, median, min, max, Double.NaN, Double.NaN);
        }

        /** @return whether the row holds percentiles of single operations */
        public boolean sampled() {
            return !Double.isNaN(p99);
        }

        /** @return whether a higher score is better (a rate rather than a time or a size) */
        public boolean higherIsBetter() {
            return unit.startsWith("ops/");
        }

        String key() {
            return group + " | " + impl;
        }
    }

    private Report() {
    }

    /**
     * Writes {@code PREFIX.svg} and {@code PREFIX.html} (chart and table) for some rows.
     *
     * @param rows the rows
     * @param title the chart's title
     * @param prefix the path of both files without their extension
     * @return the two files
     * @throws IOException if a file cannot be written
     */
    public static List<Path> write(List<Row> rows, String title, String prefix) throws IOException {
        String svg = svg(rows, title);
        Path svgFile = Path.of(prefix + ".svg");
        Path htmlFile = Path.of(prefix + ".html");
        Files.writeString(svgFile, svg, StandardCharsets.UTF_8);
        Files.writeString(htmlFile, "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>"
                + escape(title) + "</title></head><body style=\"font-family:sans-serif\">\n"
                + svg + "\n<pre>" + escape(table(rows)) + "</pre>\n</body></html>\n", StandardCharsets.UTF_8);
        return List.of(svgFile, htmlFile);
    }

    /**
     * Reads a result file.
     *
     * @param json the file
     * @return its rows, in file order
     * @throws IOException if it cannot be read
     * @throws IllegalArgumentException if it is not JSON in JMH's result shape
     */
    public static List<Row> read(Path json) throws IOException {
        return parse(Files.readString(json));
    }

    /**
     * Reads result text.
     *
     * @param json the text of a result file
     * @return its rows, in order
     * @throws IllegalArgumentException if it is not JSON in JMH's result shape
     */
    @SuppressWarnings("unchecked")
    public static List<Row> parse(String json) {
        List<Row> rows = new ArrayList<>();
        Object doc = Json.parse(json);
        if (!(doc instanceof List<?>)) {
            throw new IllegalArgumentException("not a result file: the document is not an array");
        }
        int index = 0;
        for (Object o : (List<Object>) doc) {
            try {
                rows.add(row((Map<String, Object>) o));
            } catch (ClassCastException | NullPointerException | IndexOutOfBoundsException e) {
                throw new IllegalArgumentException("not a result file: entry " + index
                        + " lacks a field of JMH's result shape (" + e.getMessage() + ")", e);
            }
            index++;
        }
        return rows;
    }

    @SuppressWarnings("unchecked")
    private static Row row(Map<String, Object> b) {
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
                case "target" -> impl.replace(0, impl.length(), p.getValue().toString());
                default -> group.append(' ').append(p.getKey()).append('=').append(p.getValue());
            }
        }
        Map<String, Object> metric = (Map<String, Object>) b.get("primaryMetric");
        if (sampled) {
            Map<String, Object> pct = (Map<String, Object>) metric.get("scorePercentiles");
            return new Row(group.toString(), impl.toString(), (String) metric.get("scoreUnit"),
                    (Double) pct.get("50.0"), (Double) pct.get("0.0"), (Double) pct.get("100.0"),
                    (Double) pct.get("95.0"), (Double) pct.get("99.0"));
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
        return new Row(group.toString(), impl.toString(), (String) metric.get("scoreUnit"), median,
                raw.get(0), raw.get(raw.size() - 1));
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

    /**
     * How many times better than {@code base} a row is: above 1 is better, whatever the unit.
     *
     * @param row the row
     * @param base what it is measured against
     * @return the ratio
     */
    public static double advantage(Row row, Row base) {
        return row.higherIsBetter() ? row.median() / base.median() : base.median() / row.median();
    }

    /**
     * The rows as an aligned table, with each Hyphae row's ratio to the peer's.
     *
     * @param rows the rows
     * @return the table, one line per row after a header
     */
    public static String table(List<Row> rows) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-34s %-24s %14s %-7s %23s %9s %9s %9s%n", "benchmark",
                "implementation", "median", "unit", "min-max", "p95", "p99", "vs pekko"));
        for (List<Row> group : byGroup(rows).values()) {
            Optional<Row> peer = peer(group);
            for (Row r : group) {
                String ratio = peer.isPresent() && r != peer.get()
                        ? String.format(Locale.ROOT, "%.2fx", advantage(r, peer.get())) : "";
                sb.append(String.format(Locale.ROOT, "%-34s %-24s %14s %-7s %23s %9s %9s %9s%n", r.group(), r.impl(),
                        format(r.median()), r.unit(), format(r.min()) + "-" + format(r.max()),
                        r.sampled() ? format(r.p95()) : "", r.sampled() ? format(r.p99()) : "", ratio));
            }
        }
        return sb.toString();
    }

    /**
     * Ratios of a new run to a base run, row by row, marking changes of 10 % or more.
     *
     * @param base the earlier rows
     * @param next the later rows
     * @return the comparison table
     */
    public static String compare(List<Row> base, List<Row> next) {
        Map<String, Row> before = new LinkedHashMap<>();
        for (Row r : base) {
            before.put(r.key(), r);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "%-34s %-24s %14s %14s %-7s %9s%n", "benchmark", "implementation",
                "base", "new", "unit", "new/base"));
        for (Row r : next) {
            Row b = before.remove(r.key());
            if (b == null) {
                sb.append(String.format(Locale.ROOT, "%-34s %-24s %14s %14s %-7s %9s%n", r.group(), r.impl(), "-",
                        format(r.median()), r.unit(), "new"));
            } else {
                double adv = advantage(r, b);
                sb.append(String.format(Locale.ROOT, "%-34s %-24s %14s %14s %-7s %8.2fx %s%n", r.group(), r.impl(),
                        format(b.median()), format(r.median()), r.unit(), adv,
                        adv >= 1.1 ? "better" : adv <= 0.9 ? "WORSE" : ""));
            }
        }
        for (Row b : before.values()) {
            sb.append(String.format(Locale.ROOT, "%-34s %-24s %14s %14s %-7s %9s%n", b.group(), b.impl(),
                    format(b.median()), "-", b.unit(), "gone"));
        }
        sb.append("better/WORSE: at least 10% either way, by median (higher ops/s or lower time is better)\n");
        return sb.toString();
    }

    /**
     * A number in at most five significant characters: {@code 12.3M}, {@code 45.6k}, {@code 789}, {@code 1.25}.
     *
     * @param v the number
     * @return its text
     */
    public static String format(double v) {
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
                        labelWidth + Math.max(w, x1 - labelWidth) + 6, y + 12, format(r.median())));
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
