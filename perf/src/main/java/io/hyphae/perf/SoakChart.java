package io.hyphae.perf;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.function.ToDoubleFunction;

/** Writes a soak's reports as CSV and as an SVG of three panels: throughput, heap, ask p99. */
final class SoakChart {

    private static final int WIDTH = 760;
    private static final int PANEL = 150;
    private static final int LEFT = 70;

    private SoakChart() {
    }

    static Path write(Soak.Result result, Path dir) throws IOException {
        Files.createDirectories(dir);
        String stamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path csv = dir.resolve("soak-" + stamp + ".csv");
        StringBuilder b = new StringBuilder(
                "minute,mmsg_per_s,asks_per_s,churn_per_s,heap_after_gc_mb,live_actors,gc_ms,dead_letters,"
                        + "ask_p50_us,ask_p99_us,ask_max_us\n");
        for (Soak.Report r : result.reports()) {
            b.append(String.format(Locale.ROOT, "%.1f,%.3f,%.0f,%.0f,%.1f,%d,%d,%d,%.1f,%.1f,%.0f%n", r.minute(),
                    r.mps(), r.asksPerSecond(), r.churnPerSecond(), r.heapMb(), r.liveActors(), r.gcMillis(),
                    r.deadLetters(), r.p50Micros(), r.p99Micros(), r.maxMicros()));
        }
        Files.writeString(csv, b);
        Path svg = dir.resolve("soak-" + stamp + ".svg");
        Files.writeString(svg, svg(result));
        System.out.println("soak: wrote " + csv + " and " + svg);
        return svg;
    }

    static String svg(Soak.Result result) {
        List<Soak.Report> reports = result.reports();
        StringBuilder b = new StringBuilder();
        int height = 3 * (PANEL + 40) + 40;
        b.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" "
                + "font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, height));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        String title = String.format(Locale.ROOT, "Soak: %d reports; load %.2f M msg/s of a calibrated %.2f",
                reports.size(), result.targetMps(), result.calibratedMps());
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"20\" font-size=\"14\">%s</text>%n", LEFT, title));
        panel(b, reports, 40, "throughput (M msg/s)", Soak.Report::mps, "#1f77b4");
        panel(b, reports, 40 + PANEL + 40, "heap after GC (MB)", Soak.Report::heapMb, "#2ca02c");
        panel(b, reports, 40 + 2 * (PANEL + 40), "ask round trip p99 (µs)", Soak.Report::p99Micros, "#d62728");
        b.append("</svg>\n");
        return b.toString();
    }

    private static void panel(StringBuilder b, List<Soak.Report> reports, int top, String label,
            ToDoubleFunction<Soak.Report> value, String colour) {
        double max = 0;
        double lastMinute = 1;
        for (Soak.Report r : reports) {
            max = Math.max(max, value.applyAsDouble(r));
            lastMinute = Math.max(lastMinute, r.minute());
        }
        max = max <= 0 ? 1 : max * 1.1;
        int w = WIDTH - LEFT - 20;
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\">%s</text>%n", LEFT, top + 14, label));
        b.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" "
                + "stroke=\"#999\"/>%n", LEFT, top + 20, w, PANEL));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.1f</text>%n", LEFT - 5,
                top + 30, max));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">0</text>%n", LEFT - 5,
                top + 20 + PANEL));
        b.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\">%.0f min</text>%n",
                LEFT + w, top + 20 + PANEL + 14, lastMinute));
        b.append("<polyline fill=\"none\" stroke=\"").append(colour).append("\" stroke-width=\"1.5\" points=\"");
        for (Soak.Report r : reports) {
            double x = LEFT + w * r.minute() / lastMinute;
            double y = top + 20 + PANEL - PANEL * value.applyAsDouble(r) / max;
            b.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
        }
        b.append("\"/>\n");
    }
}
