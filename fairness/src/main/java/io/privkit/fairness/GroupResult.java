package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.evidence.Estimate;
import io.privkit.fairness.metrics.ConfusionCounts;
import io.privkit.fairness.metrics.Metric;
import io.privkit.fairness.metrics.ReliabilityBin;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One group's figures: its counts and every metric as an {@link Estimate} (value, numerator and
 * denominator, interval; or undefined with the reason), and its calibration table when scores were
 * given.
 *
 * <p>Immutable and thread-safe.
 *
 * @param key              the group
 * @param counts           its confusion counts
 * @param metrics          every metric
 * @param calibration      the reliability table over uniform score bins; empty without scores
 * @param declaredButEmpty whether the group was declared (or is a combination of declared levels) but nobody has it
 */
public record GroupResult(GroupKey key, ConfusionCounts counts, Map<Metric, Estimate> metrics, List<ReliabilityBin> calibration,
                          boolean declaredButEmpty) {

    public GroupResult {
        Checks.requireNonNull(key, "key");
        Checks.requireNonNull(counts, "counts");
        metrics = Collections.unmodifiableMap(new EnumMap<>(Checks.requireNoNullEntries(metrics, "metrics")));
        calibration = List.copyOf(Checks.requireNoNullElements(calibration, "calibration"));
    }

    /** People in the group. */
    public long n() {
        return counts.n();
    }

    /** The estimate of {@code metric}. */
    public Estimate metric(Metric metric) {
        Estimate e = metrics.get(metric);
        if (e == null) {
            throw Checks.argument("metric").mustBe("one of " + metrics.keySet()).got(metric.id())
                    .fix("Score and regression metrics need scores or a numeric target in the data.").exception();
        }
        return e;
    }
}
