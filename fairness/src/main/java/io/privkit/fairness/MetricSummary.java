package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.fairness.metrics.Aggregate;
import io.privkit.fairness.metrics.Aggregates;
import io.privkit.fairness.metrics.Metric;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Fairlearn's aggregates of one metric over a view's groups (difference and ratio between groups
 * and to overall, group minimum and maximum), computed over the groups where the metric is
 * defined, with bootstrap intervals when a bootstrap was run; and the between-groups difference
 * and ratio again over only the groups at or above the reliability floor.
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric            the metric
 * @param aggregates        every aggregate kind
 * @param differenceAboveFloor max minus min over the groups at or above the reliability floor
 * @param ratioAboveFloor      min over max over the groups at or above the reliability floor
 */
public record MetricSummary(Metric metric, Map<Aggregates.Kind, Aggregate> aggregates, Aggregate differenceAboveFloor,
                            Aggregate ratioAboveFloor) {

    public MetricSummary {
        Checks.requireNonNull(metric, "metric");
        aggregates = Collections.unmodifiableMap(new EnumMap<>(Checks.requireNoNullEntries(aggregates, "aggregates")));
        Checks.requireNonNull(differenceAboveFloor, "differenceAboveFloor");
        Checks.requireNonNull(ratioAboveFloor, "ratioAboveFloor");
    }

    /** One aggregate. */
    public Aggregate get(Aggregates.Kind kind) {
        return aggregates.get(kind);
    }
}
