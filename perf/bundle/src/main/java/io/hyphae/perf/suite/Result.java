package io.hyphae.perf.suite;

import io.hyphae.perf.report.Json;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The measurement of one {@link Spec}.
 *
 * @param spec what was measured
 * @param scores one score per measured iteration
 * @param samples in {@link Mode#SAMPLE}, the nanoseconds of every measured operation, sorted;
 *     otherwise empty
 */
record Result(Spec spec, double[] scores, long[] samples) {

    /** The percentiles written for sampled results, as JMH writes them. */
    static final double[] PERCENTILES = {0, 50, 90, 95, 99, 99.9, 100};

    /**
     * The sample at a percentile: the smallest sample that at least {@code p} percent of all
     * samples do not exceed.
     *
     * @param p the percentile, 0 to 100
     * @return the sample, in nanoseconds
     */
    long percentile(double p) {
        if (samples.length == 0) {
            throw new IllegalStateException(spec.label() + " has no samples");
        }
        int rank = (int) Math.ceil(p / 100 * samples.length);
        return samples[Math.max(0, Math.min(samples.length - 1, rank - 1))];
    }

    /** @return the median of the iteration scores, or p50 of a sampled result */
    double median() {
        if (spec.mode() == Mode.SAMPLE) {
            return percentile(50);
        }
        double[] s = scores.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }

    /** @return this result as one entry of a JMH-shaped result file */
    String json() {
        StringBuilder sb = new StringBuilder();
        sb.append("  {\"benchmark\": ").append(Json.quote("io.hyphae.perf.suite." + spec.suite() + "." + spec.name()))
                .append(", \"mode\": ").append(Json.quote(spec.mode().label))
                .append(", \"threads\": ").append(spec.threads())
                .append(", \"forks\": 0")
                .append(",\n   \"params\": {")
                .append(spec.params().entrySet().stream()
                        .map(e -> Json.quote(e.getKey()) + ": " + Json.quote(e.getValue()))
                        .collect(Collectors.joining(", ")))
                .append("},\n   \"primaryMetric\": {\"score\": ").append(number(mean()))
                .append(", \"scoreUnit\": ").append(Json.quote(spec.unit()));
        if (spec.mode() == Mode.SAMPLE) {
            sb.append(", \"scorePercentiles\": {");
            sb.append(Arrays.stream(PERCENTILES).mapToObj(p -> Json.quote(String.format(Locale.ROOT, "%.1f", p)) + ": "
                    + number(percentile(p))).collect(Collectors.joining(", ")));
            sb.append("}, \"sampleCount\": ").append(samples.length);
        }
        sb.append(",\n     \"rawData\": [[")
                .append(Arrays.stream(scores).mapToObj(Result::number).collect(Collectors.joining(", ")))
                .append("]]}}");
        return sb.toString();
    }

    private double mean() {
        if (spec.mode() == Mode.SAMPLE) {
            return Arrays.stream(samples).average().orElse(Double.NaN);
        }
        return Arrays.stream(scores).average().orElse(Double.NaN);
    }

    private static String number(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "\"NaN\"";
        }
        return String.format(Locale.ROOT, "%.3f", v);
    }

    /**
     * A result file of several results.
     *
     * @param results the results
     * @return the document
     */
    static String file(Iterable<Result> results) {
        StringBuilder sb = new StringBuilder("[\n");
        String sep = "";
        for (Result r : results) {
            sb.append(sep).append(r.json());
            sep = ",\n";
        }
        return sb.append("\n]\n").toString();
    }
}
