package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.fairness.metrics.Metric;

/**
 * A group's metric compared with a reference group (difference with Newcombe's interval, ratio
 * with Katz's, and a test of equality with its raw and adjusted p-values) or with everyone
 * ({@code reference} is {@link GroupKey#OVERALL}: point values only, since a group is part of
 * everyone and the two are not independent).
 *
 * <p>Immutable and thread-safe.
 *
 * @param metric          the metric
 * @param group           the group
 * @param reference       the reference group, or {@link GroupKey#OVERALL}
 * @param difference      group minus reference; null when undefined
 * @param differenceCi    Newcombe's interval for a rate; null otherwise
 * @param ratio           group over reference; null when undefined
 * @param ratioCi         Katz's interval for a rate; null when undefined or not a rate
 * @param test            the test run ({@code fisher-exact} or {@code two-proportion-z}); null when none
 * @param pValue          its two-sided p-value; null when none
 * @param adjustedPValue  the p-value adjusted across the groups compared on this metric; null when none
 * @param undefinedReason why the difference is undefined; null when defined
 * @param floorNote       why the comparison is below the reliability floor; null when it is not
 */
public record PairComparison(Metric metric, GroupKey group, GroupKey reference, Double difference, ConfidenceInterval differenceCi,
                             Double ratio, ConfidenceInterval ratioCi, String test, Double pValue, Double adjustedPValue,
                             String undefinedReason, String floorNote) {

    public PairComparison {
        Checks.requireNonNull(metric, "metric");
        Checks.requireNonNull(group, "group");
        Checks.requireNonNull(reference, "reference");
        if ((difference == null) == (undefinedReason == null)) {
            throw Checks.argument("comparison " + metric.id() + " " + group.label()).mustBe("either a difference or an undefinedReason")
                    .got(difference + ", " + undefinedReason).noFix().exception();
        }
    }

    /** Whether the comparison is with everyone rather than a reference group. */
    public boolean toOverall() {
        return reference.overall();
    }

    /** A copy with the adjusted p-value. */
    PairComparison withAdjusted(double adjusted) {
        return new PairComparison(metric, group, reference, difference, differenceCi, ratio, ratioCi, test, pValue, adjusted,
                undefinedReason, floorNote);
    }
}
