package io.hyphae.perf.suite;

/** How a benchmark is scored; the labels are JMH's, so result files chart alike. */
enum Mode {
    /** Operations per second of timed invocations. */
    THROUGHPUT("thrpt"),
    /** Nanoseconds per operation of timed invocations. */
    AVERAGE("avgt"),
    /** Nanoseconds of every single operation, reported as percentiles. */
    SAMPLE("sample"),
    /** One measurement per iteration, in the benchmark's own unit. */
    SINGLE_SHOT("ss");

    final String label;

    Mode(String label) {
        this.label = label;
    }
}
