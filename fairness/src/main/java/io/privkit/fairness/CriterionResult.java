package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.evidence.Verdict;
import java.util.List;

/**
 * A criterion's verdict: {@link Verdict#FAIL} when some comparison lies outside the tolerance
 * after Holm's adjustment; {@link Verdict#PASS} when every comparison's interval lies inside it
 * and every group is at or above the reliability floor; otherwise {@link Verdict#INCONCLUSIVE}.
 *
 * <p>Immutable and thread-safe.
 *
 * @param criterion   the criterion
 * @param verdict     pass, fail or inconclusive
 * @param reason      the deciding comparisons in words
 * @param comparisons every comparison
 */
public record CriterionResult(Criterion criterion, Verdict verdict, String reason, List<ComparisonVerdict> comparisons) {
    public CriterionResult {
        Checks.requireNonNull(criterion, "criterion");
        Checks.requireNonNull(verdict, "verdict");
        Checks.requireNonBlank(reason, "reason");
        comparisons = List.copyOf(Checks.requireNoNullElements(comparisons, "comparisons"));
    }
}
