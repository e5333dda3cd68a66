package io.privkit.fairness.metrics;

import io.privkit.common.Checks;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Fairlearn's aggregates of a per-group metric m (values {@code m_g}, overall {@code m_all}),
 * computed over the groups whose value is defined; undefined groups are left out and named
 * ({@code Fairlearn} counts them as 0, which invents disparities from empty denominators).
 *
 * <ul>
 *   <li>difference between groups: {@code max_g m_g - min_g m_g}</li>
 *   <li>difference to overall: {@code max_g |m_g - m_all|}</li>
 *   <li>ratio between groups: {@code min_g m_g / max_g m_g} (undefined when the maximum is 0)</li>
 *   <li>ratio to overall: {@code min_g min(m_g / m_all, m_all / m_g)} (undefined when
 *       {@code m_all = 0}; 0 when some {@code m_g = 0})</li>
 *   <li>group minimum and maximum</li>
 * </ul>
 *
 * <p>Values are given as a map from group label to value, NaN marking an undefined value.
 * Stateless and thread-safe.
 */
public final class Aggregates {
    /** The four transforms plus min and max. */
    public enum Kind {
        /** max - min. */
        DIFFERENCE_BETWEEN_GROUPS("difference-between-groups"),
        /** max |m_g - m_all|. */
        DIFFERENCE_TO_OVERALL("difference-to-overall"),
        /** min / max. */
        RATIO_BETWEEN_GROUPS("ratio-between-groups"),
        /** min over groups of min(m_g / m_all, m_all / m_g). */
        RATIO_TO_OVERALL("ratio-to-overall"),
        /** min over groups. */
        GROUP_MIN("group-min"),
        /** max over groups. */
        GROUP_MAX("group-max");

        private final String id;

        Kind(String id) {
            this.id = id;
        }

        /** The name used in reports. */
        public String id() {
            return id;
        }
    }

    private Aggregates() {
    }

    /** Every aggregate kind of one metric. */
    public static Map<Kind, Aggregate> all(Map<String, Double> values, double overall) {
        Map<Kind, Aggregate> out = new LinkedHashMap<>();
        for (Kind k : Kind.values()) {
            out.put(k, of(k, values, overall));
        }
        return out;
    }

    /** One aggregate of one metric. */
    public static Aggregate of(Kind kind, Map<String, Double> values, double overall) {
        Checks.requireNonNull(kind, "kind");
        Checks.requireNonNull(values, "values");
        List<String> excluded = new ArrayList<>();
        List<Double> defined = new ArrayList<>();
        for (Map.Entry<String, Double> e : values.entrySet()) {
            if (e.getValue() == null || Double.isNaN(e.getValue())) {
                excluded.add(e.getKey() + " (undefined)");
            } else {
                defined.add(e.getValue());
            }
        }
        double value = compute(kind, defined.stream().mapToDouble(Double::doubleValue).toArray(), overall);
        if (Double.isNaN(value)) {
            return Aggregate.undefined(reason(kind, defined.size(), overall), excluded);
        }
        return Aggregate.of(value, excluded);
    }

    /**
     * The aggregate of the defined values {@code v} (no NaN), or NaN when undefined. The fast path
     * used in bootstrap loops.
     */
    public static double compute(Kind kind, double[] v, double overall) {
        int minimum = kind == Kind.DIFFERENCE_BETWEEN_GROUPS || kind == Kind.RATIO_BETWEEN_GROUPS ? 2 : 1;
        if (v.length < minimum) {
            return Double.NaN;
        }
        double min = Double.POSITIVE_INFINITY;
        double max = Double.NEGATIVE_INFINITY;
        for (double x : v) {
            min = Math.min(min, x);
            max = Math.max(max, x);
        }
        return switch (kind) {
            case DIFFERENCE_BETWEEN_GROUPS -> max - min;
            case GROUP_MIN -> min;
            case GROUP_MAX -> max;
            case RATIO_BETWEEN_GROUPS -> max == 0 ? Double.NaN : min / max;
            case DIFFERENCE_TO_OVERALL -> {
                if (Double.isNaN(overall)) {
                    yield Double.NaN;
                }
                double d = 0;
                for (double x : v) {
                    d = Math.max(d, Math.abs(x - overall));
                }
                yield d;
            }
            case RATIO_TO_OVERALL -> {
                if (Double.isNaN(overall) || overall == 0) {
                    yield Double.NaN;
                }
                double r = Double.POSITIVE_INFINITY;
                for (double x : v) {
                    r = Math.min(r, x == 0 ? 0 : Math.min(x / overall, overall / x));
                }
                yield r;
            }
        };
    }

    private static String reason(Kind kind, int defined, double overall) {
        if ((kind == Kind.DIFFERENCE_BETWEEN_GROUPS || kind == Kind.RATIO_BETWEEN_GROUPS) && defined < 2) {
            return "fewer than two groups with a defined value";
        }
        if (defined < 1) {
            return "no group with a defined value";
        }
        if (kind == Kind.RATIO_BETWEEN_GROUPS) {
            return "every group's value is 0";
        }
        if (Double.isNaN(overall)) {
            return "the overall value is undefined";
        }
        return "the overall value is 0";
    }
}
