package io.privkit.fairness.metrics;

import io.privkit.common.Checks;
import io.privkit.fairness.FavourableOutcome;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The slow, obviously-correct reference path for per-group rates: rows are grouped into lists,
 * and every rate is computed straight from its definition by filtering the group's rows for the
 * numerator and for the denominator ("of the people with label 1, the share predicted 1"). It
 * shares no code with {@link ConfusionCounts} or {@link Metric#proportion}, so a test comparing the
 * two checks the fast path, and a benchmark measures the fast path against it.
 *
 * <p>Stateless and thread-safe. Memory grows with the rows.
 */
public final class ReferenceRates {
    private ReferenceRates() {
    }

    /**
     * One observation.
     *
     * @param group      the group's key
     * @param label      the true label
     * @param prediction the decision
     */
    public record Row(String group, boolean label, boolean prediction) {
    }

    /** A rate as numerator and denominator counted from the rows. */
    public record Count(long numerator, long denominator) {
        /** The rate, or NaN when the denominator is 0. */
        public double value() {
            return denominator == 0 ? Double.NaN : (double) numerator / denominator;
        }
    }

    /** Every plain rate of {@link Metric} per group (in order of first appearance) and for {@code "overall"}. */
    public static Map<String, Map<Metric, Count>> compute(List<Row> rows, FavourableOutcome favourable) {
        Checks.requireNonNull(rows, "rows");
        Checks.requireNonNull(favourable, "favourable");
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(r.group(), g -> new ArrayList<>()).add(r);
        }
        groups.put("overall", rows);
        Map<String, Map<Metric, Count>> out = new LinkedHashMap<>();
        for (Map.Entry<String, List<Row>> e : groups.entrySet()) {
            List<Row> g = e.getValue();
            Map<Metric, Count> m = new EnumMap<>(Metric.class);
            boolean favourablePositive = favourable == FavourableOutcome.POSITIVE_CLASS;
            m.put(Metric.SELECTION_RATE, count(g, r -> r.prediction(), r -> true));
            m.put(Metric.BASE_RATE, count(g, r -> r.label(), r -> true));
            m.put(Metric.TPR, count(g, r -> r.prediction(), r -> r.label()));
            m.put(Metric.FPR, count(g, r -> r.prediction(), r -> !r.label()));
            m.put(Metric.TNR, count(g, r -> !r.prediction(), r -> !r.label()));
            m.put(Metric.FNR, count(g, r -> !r.prediction(), r -> r.label()));
            m.put(Metric.PRECISION, count(g, r -> r.label(), r -> r.prediction()));
            m.put(Metric.NPV, count(g, r -> !r.label(), r -> !r.prediction()));
            m.put(Metric.FDR, count(g, r -> !r.label(), r -> r.prediction()));
            m.put(Metric.FOR, count(g, r -> r.label(), r -> !r.prediction()));
            m.put(Metric.ACCURACY, count(g, r -> r.label() == r.prediction(), r -> true));
            m.put(Metric.ERROR_RATE, count(g, r -> r.label() != r.prediction(), r -> true));
            m.put(Metric.FAVOURABLE_RATE, count(g, r -> r.prediction() == favourablePositive, r -> true));
            out.put(e.getKey(), m);
        }
        return out;
    }

    private static Count count(List<Row> rows, Predicate<Row> numerator, Predicate<Row> denominator) {
        long n = 0;
        long k = 0;
        for (Row r : rows) {
            if (denominator.test(r)) {
                n++;
                if (numerator.test(r)) {
                    k++;
                }
            }
        }
        return new Count(k, n);
    }
}
