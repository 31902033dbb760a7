package io.hyphae.perf.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The result reader, ratios, comparison and chart, on a JMH-shaped file. */
class ReportTest {

    private static final String RESULTS = """
            [
              {"benchmark": "io.hyphae.perf.TellBenchmark.tell1to1", "mode": "thrpt",
               "params": {"threads": "2", "mailbox": "builtin"},
               "primaryMetric": {"score": 20.0, "scoreError": "NaN", "scoreUnit": "ops/s",
                 "rawData": [[10.0, 30.0, 20.0, 40.0, 25.0]]}},
              {"benchmark": "io.hyphae.perf.PekkoTellBenchmark.tell1to1", "mode": "thrpt",
               "params": {"threads": "2"},
               "primaryMetric": {"score": 10.0, "scoreUnit": "ops/s", "rawData": [[10.0, 10.0, 5.0]]}},
              {"benchmark": "io.hyphae.perf.FanOutBenchmark.fanOut", "mode": "avgt",
               "params": {"index": "hash", "subscribers": "100"},
               "primaryMetric": {"score": 4.0, "scoreUnit": "ns/op", "rawData": [[4.0, 6.0], [2.0, 8.0]]}},
              {"benchmark": "io.hyphae.perf.PekkoFanOutBenchmark.fanOut", "mode": "avgt",
               "params": {"subscribers": "100"},
               "primaryMetric": {"score": 10.0, "scoreUnit": "ns/op", "rawData": [[10.0]]}}
            ]
            """;

    private List<Report.Row> rows(Path dir, String json) throws Exception {
        Path f = dir.resolve("r.json");
        Files.writeString(f, json);
        return Report.read(f);
    }

    @Test
    void rowsCarryTheMedianTheRangeAndTheImplementation(@TempDir Path dir) throws Exception {
        List<Report.Row> rows = rows(dir, RESULTS);
        assertEquals(new Report.Row("tell1to1", "hyphae builtin", "ops/s", 25.0, 10.0, 40.0), rows.get(0));
        assertEquals(new Report.Row("tell1to1", "pekko", "ops/s", 10.0, 5.0, 10.0), rows.get(1));
        // Every iteration counts: the median of 2, 4, 6, 8.
        assertEquals(new Report.Row("fanOut subscribers=100", "hyphae hash", "ns/op", 5.0, 2.0, 8.0), rows.get(2));
    }

    @Test
    void ratiosToThePeerAreAboveOneWhenHyphaeIsBetterWhateverTheUnit(@TempDir Path dir) throws Exception {
        List<Report.Row> rows = rows(dir, RESULTS);
        assertEquals(2.5, Report.advantage(rows.get(0), rows.get(1)), 1e-9);
        assertEquals(2.0, Report.advantage(rows.get(2), rows.get(3)), 1e-9);
        String table = Report.table(rows);
        assertTrue(table.contains("2.50x") && table.contains("2.00x"), table);
    }

    @Test
    void compareMarksWhatGotWorseWhatIsNewAndWhatIsGone(@TempDir Path dir) throws Exception {
        List<Report.Row> base = rows(dir, RESULTS);
        List<Report.Row> next = List.of(
                new Report.Row("tell1to1", "hyphae builtin", "ops/s", 12.5, 12.0, 13.0),
                new Report.Row("fanOut subscribers=100", "hyphae hash", "ns/op", 2.5, 2.0, 3.0),
                new Report.Row("pingPong", "hyphae builtin", "ns/op", 80, 70, 90));
        String out = Report.compare(base, next);
        assertTrue(out.matches("(?s).*tell1to1 +hyphae builtin .* 0\\.50x WORSE\\n.*"), out);
        assertTrue(out.matches("(?s).*fanOut subscribers=100 +hyphae hash .* 2\\.00x better\\n.*"), out);
        assertTrue(out.matches("(?s).*pingPong .* new\\n.*"), out);
        assertTrue(out.matches("(?s).*tell1to1 +pekko .* gone\\n.*"), out);
    }

    @Test
    void theChartHasOneBarPerRowAndPanelsPerBenchmark(@TempDir Path dir) throws Exception {
        String svg = Report.svg(rows(dir, RESULTS), "r.json");
        assertTrue(svg.startsWith("<svg"), svg);
        assertEquals(4, svg.split("<rect x=").length - 1, svg);
        assertTrue(svg.contains(">tell1to1<") && svg.contains(">fanOut subscribers=100<"), svg);
    }

    @Test
    void malformedJsonIsATypedErrorWithItsOffset(@TempDir Path dir) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> rows(dir, "[{\"a\": }]"));
        assertTrue(e.getMessage().startsWith("bad JSON at offset 7"), e.getMessage());
    }

    @Test
    void sampleModeRowsArePercentilesOfSingleOperations(@TempDir Path dir) throws Exception {
        List<Report.Row> rows = rows(dir, """
                [{"benchmark": "io.hyphae.perf.LatencyBenchmark.externalAsk", "mode": "sample",
                  "params": {"threads": "2", "mailbox": "builtin"},
                  "primaryMetric": {"score": 3000.0, "scoreUnit": "ns/op",
                    "scorePercentiles": {"0.0": 900.0, "50.0": 2000.0, "90.0": 4000.0, "95.0": 5000.0,
                                         "99.0": 9000.0, "100.0": 90000.0},
                    "rawDataHistogram": [[[900.0, 1], [2000.0, 5]]]}}]
                """);
        assertEquals(new Report.Row("externalAsk (sample)", "hyphae builtin", "ns/op", 2000, 900, 90000, 5000, 9000),
                rows.get(0));
        String table = Report.table(rows);
        assertTrue(table.matches("(?s).*externalAsk \\(sample\\) +hyphae builtin +2000 ns/op +900-90.0k +5000 +9000.*"),
                table);
        // The scale ends at p99, not at the one slow operation: the p50 bar is 2000/9000 of 420 px.
        String svg = Report.svg(rows, "s");
        assertTrue(svg.contains("width=\"93.3\"") && svg.contains("x2=\"650.0\""), svg);
    }
}
