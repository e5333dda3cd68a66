package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.Verdict;

/**
 * One comparison behind a criterion's verdict: a group against the reference (or the spread of a
 * view), the statistic with its interval, the p-value of the test that it lies outside the
 * tolerance (raw and Holm-adjusted across every comparison of every criterion), and its verdict.
 *
 * <p>Immutable and thread-safe.
 *
 * @param view       the view's qualified name
 * @param group      the group compared (its label), or {@code between groups}
 * @param statistic  what was compared, e.g. {@code tpr difference}
 * @param estimate   the statistic's value; null when undefined
 * @param ci         its interval at the assessment's level; null when undefined
 * @param pViolation the p-value of "outside the tolerance"; null when not tested
 * @param pAdjusted  the Holm-adjusted p-value; null when not tested
 * @param verdict    pass, fail or inconclusive
 * @param reason     why
 */
public record ComparisonVerdict(String view, String group, String statistic, Double estimate, ConfidenceInterval ci, Double pViolation,
                                Double pAdjusted, Verdict verdict, String reason) {
    public ComparisonVerdict {
        Checks.requireNonBlank(view, "view");
        Checks.requireNonBlank(group, "group");
        Checks.requireNonBlank(statistic, "statistic");
        Checks.requireNonNull(verdict, "verdict");
        Checks.requireNonBlank(reason, "reason");
    }

    ComparisonVerdict with(Double adjusted, Verdict v, String why) {
        return new ComparisonVerdict(view, group, statistic, estimate, ci, pViolation, adjusted, v, why);
    }
}
