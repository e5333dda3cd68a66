/**
 * Bias mitigation with before and after figures on the same evaluation data: reweighing
 * (pre-processing), deterministic group-specific thresholds (post-processing) and the
 * exponentiated-gradient reductions approach (in-processing) over any weighted learner, with a
 * Tribuo adapter in {@code mitigation.tribuo}.
 */
package io.privkit.fairness.mitigation;
