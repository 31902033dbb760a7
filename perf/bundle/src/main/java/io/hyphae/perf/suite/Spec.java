package io.hyphae.perf.suite;

import io.hyphae.perf.workload.Bench;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;

/**
 * One benchmark with one parameter set.
 *
 * @param suite the suite it belongs to
 * @param name the benchmark's name, as a JMH method name would be
 * @param mode how it is scored
 * @param unit the unit of its scores
 * @param threads how many threads invoke it at once
 * @param params its parameters in order; {@code mailbox} and {@code index} name implementations
 * @param setup makes its state for one run
 */
record Spec(String suite, String name, Mode mode, String unit, int threads, Map<String, String> params,
        Callable<Bench> setup) {

    /** @return the name and the parameters, for progress lines */
    String label() {
        return params.isEmpty() ? name : name + " " + params.entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" "));
    }
}
