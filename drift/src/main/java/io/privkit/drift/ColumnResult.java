package io.privkit.drift;

import io.privkit.common.Checks;
import io.privkit.drift.test.Outcome;
import io.privkit.evidence.DriftEvidence.FeatureType;
import java.util.List;

/**
 * The result for one column: every statistic computed, the decision and its inputs, sample sizes,
 * missing counts, categories seen on one side only, the binning, any sketch error bound and the
 * smallest effect the check could detect. Immutable and thread-safe.
 *
 * @param column              the column name
 * @param type                its type
 * @param verdict             drift, no drift, inconclusive, or error
 * @param error               why the column could not be checked (verdict ERROR), else null
 * @param outcomes            every statistic computed, in a stable order
 * @param decidedBy           the rule in words (e.g. "ks p-value < 0.05 and wasserstein-normalised >= 0.1")
 * @param pValue              the deciding test's raw p-value, or null; when the statistic is only bounded
 *                            (profiles, sketches), the largest p-value consistent with the bound
 * @param pValueLower         for a bounded statistic, the smallest p-value consistent with the bound; else null
 * @param adjustedPValue      the deciding p-value after the correction across columns, or null
 * @param effect              the deciding effect measure
 * @param effectValue         its value, or null
 * @param effectThreshold     its threshold, or null
 * @param nReference          reference values used
 * @param nCurrent            current values used
 * @param missingReference    reference values missing
 * @param missingCurrent      current values missing
 * @param unseenInReference   categories only in the current data
 * @param unseenInCurrent     categories only in the reference data
 * @param binning             the binning rule of binned statistics, or null
 * @param sketchError         proven bound on the deciding effect size's error when computed from a profile, or null
 * @param minDetectableEffect smallest standardised mean difference detectable with 80% power at alpha, or null
 * @param notes               facts a reader needs (tests not computable on this column and why)
 */
public record ColumnResult(String column, FeatureType type, ColumnVerdict verdict, String error, List<Outcome> outcomes,
                           String decidedBy, Double pValue, Double pValueLower, Double adjustedPValue, EffectMeasure effect, Double effectValue,
                           Double effectThreshold, long nReference, long nCurrent, long missingReference, long missingCurrent,
                           List<String> unseenInReference, List<String> unseenInCurrent, String binning, Double sketchError,
                           Double minDetectableEffect, List<String> notes) {
    public ColumnResult {
        Checks.requireNonBlank(column, "column");
        Checks.requireNonNull(type, "type");
        Checks.requireNonNull(verdict, "verdict");
        outcomes = List.copyOf(outcomes);
        Checks.requireNonNull(decidedBy, "decidedBy");
        Checks.requireNonNull(effect, "effect");
        unseenInReference = List.copyOf(unseenInReference);
        unseenInCurrent = List.copyOf(unseenInCurrent);
        notes = List.copyOf(notes);
        if ((verdict == ColumnVerdict.ERROR) != (error != null)) {
            throw Checks.argument("column " + column).mustBe("given an error exactly when its verdict is ERROR")
                    .got(verdict + ", error=" + error).noFix().exception();
        }
    }

    /** Whether the column drifted. */
    public boolean drift() {
        return verdict == ColumnVerdict.DRIFT;
    }

    /** Share of reference values missing. */
    public double missingRateReference() {
        long t = nReference + missingReference;
        return t == 0 ? 0 : (double) missingReference / t;
    }

    /** Share of current values missing. */
    public double missingRateCurrent() {
        long t = nCurrent + missingCurrent;
        return t == 0 ? 0 : (double) missingCurrent / t;
    }

    /** A copy with the corrected p-value and the resulting verdict. */
    ColumnResult decided(Double adjusted, ColumnVerdict v) {
        return new ColumnResult(column, type, v, error, outcomes, decidedBy, pValue, pValueLower, adjusted, effect, effectValue, effectThreshold,
                nReference, nCurrent, missingReference, missingCurrent, unseenInReference, unseenInCurrent, binning, sketchError,
                minDetectableEffect, notes);
    }
}
