package io.privkit.fairness.metrics;

import io.privkit.common.Checks;

/**
 * One row of a reliability (calibration) table: the people whose score fell in a bin (or had one
 * score value), their mean score and the share whose label was positive.
 *
 * <p>Immutable and thread-safe.
 *
 * @param lower        the bin's lower edge (or the score value)
 * @param upper        the bin's upper edge (or the score value)
 * @param n            people in the bin
 * @param positives    of whom labelled positive
 * @param meanScore    their mean score; NaN when the bin is empty
 */
public record ReliabilityBin(double lower, double upper, long n, long positives, double meanScore) {
    public ReliabilityBin {
        Checks.requireNonNegative(n, "reliabilityBin.n");
        Checks.requireNonNegative(positives, "reliabilityBin.positives");
    }

    /** The observed positive rate; NaN when the bin is empty. */
    public double observedRate() {
        return n == 0 ? Double.NaN : (double) positives / n;
    }
}
