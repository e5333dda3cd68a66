package io.privkit.evidence;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.evidence.schema.Doc;

/**
 * How a family of tests was corrected for multiplicity, so that spurious alarms across many
 * features or groups are neither hidden nor mistaken for findings.
 *
 * @param correction  the correction
 * @param familyAlpha the family-wise error rate (or false-discovery rate for Benjamini-Hochberg)
 */
@Doc("How a family of tests was corrected for testing many features or groups at once.")
public record MultipleTesting(
        @Doc("none, bonferroni, holm (family-wise error) or benjamini-hochberg (false-discovery rate).") Correction correction,
        @Doc("The family-wise error rate, or the false-discovery rate for benjamini-hochberg.") double familyAlpha) {

    public MultipleTesting {
        Checks.requireNonNull(correction, "multipleTesting.correction");
        Checks.requireIn(familyAlpha, "multipleTesting.familyAlpha", Interval.open(0, 1), "Use e.g. 0.05.");
    }

    /** A multiple-testing correction. */
    public enum Correction {
        /** No correction: each test at its own level. */
        NONE,
        /** Bonferroni: each test at alpha / m. */
        BONFERRONI,
        /** Holm's step-down procedure (Holm 1979): controls the family-wise error rate, uniformly more powerful than Bonferroni. */
        HOLM,
        /** Benjamini-Hochberg step-up (1995): controls the false-discovery rate; for screening. */
        BENJAMINI_HOCHBERG
    }
}
