package io.privkit.benchmarks.dp.sgd;

import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/** Runs one benchmark class with JMH and prints each method's time as a ratio to the peer's. */
final class Ratios {
    private Ratios() {
    }

    static void run(Class<?> benchmark, String peer, String[] args) throws Exception {
        Options options = new OptionsBuilder().parent(new CommandLineOptions(args))
                .include(benchmark.getName() + "\\.").build();
        Collection<RunResult> results = new Runner(options).run();
        Map<String, Double> scores = new HashMap<>();
        for (RunResult r : results) {
            String label = r.getPrimaryResult().getLabel();
            scores.put(label, r.getPrimaryResult().getScore());
        }
        Double base = scores.get(peer);
        System.out.println();
        System.out.println(benchmark.getSimpleName() + ": time relative to " + peer + " (same run)");
        for (Map.Entry<String, Double> e : scores.entrySet()) {
            System.out.printf(java.util.Locale.ROOT, "  %-16s %10.3f ms  %6.2fx%n", e.getKey(), e.getValue(),
                    base == null ? Double.NaN : e.getValue() / base);
        }
    }
}
