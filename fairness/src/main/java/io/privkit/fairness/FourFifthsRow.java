package io.privkit.fairness;

import io.privkit.common.Checks;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.Estimate;

/**
 * One group's favourable rate as an impact ratio: against the group with the highest favourable
 * rate (the wording of 29 CFR 1607.4(D)) and against the named reference, with Katz's interval on
 * the latter and whether each lies below 4/5. Shown as information with its interval, never as a
 * verdict on its own: the rule is crude at small n and is US employment guidance, not UK law.
 *
 * <p>Immutable and thread-safe.
 *
 * @param group                 the group
 * @param favourableRate        its favourable rate
 * @param impactVsHighest       its rate over the highest group rate; null when undefined
 * @param impactVsReference     its rate over the reference's; null when undefined
 * @param impactVsReferenceCi   Katz's interval on the latter; null when undefined
 * @param belowFourFifthsHighest whether the ratio to the highest is below 0.8
 * @param belowFourFifthsReference whether the ratio to the reference is below 0.8
 */
public record FourFifthsRow(GroupKey group, Estimate favourableRate, Double impactVsHighest, Double impactVsReference,
                            ConfidenceInterval impactVsReferenceCi, boolean belowFourFifthsHighest, boolean belowFourFifthsReference) {
    public FourFifthsRow {
        Checks.requireNonNull(group, "group");
        Checks.requireNonNull(favourableRate, "favourableRate");
    }
}
