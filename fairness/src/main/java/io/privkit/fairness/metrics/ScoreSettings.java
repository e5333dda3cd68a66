package io.privkit.fairness.metrics;

import io.privkit.common.Checks;

/**
 * How scores are kept per group.
 *
 * <ul>
 *   <li>{@code resolution}: 0 keeps every distinct score, so the ROC AUC is exact (memory grows
 *       with the number of distinct scores); a positive step rounds each score to the nearest
 *       multiple first, so memory is bounded by the score range over the step, independent of the
 *       rows. Rounding can only merge scores into ties, and the AUC changes by at most half the
 *       share of positive-negative pairs that become tied.</li>
 *   <li>{@code calibrationBins}: uniform bins on [0, 1] for the reliability table and the expected
 *       calibration error, bounded like scikit-learn's {@code calibration_curve}: [0, 1/k],
 *       (1/k, 2/k], ..., ((k-1)/k, 1].</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param resolution      rounding step for the exact score histogram; 0 for none
 * @param calibrationBins number of uniform calibration bins, at least 1
 */
public record ScoreSettings(double resolution, int calibrationBins) {
    /** Exact scores, 10 calibration bins. */
    public static final ScoreSettings DEFAULT = new ScoreSettings(0, 10);

    public ScoreSettings {
        Checks.requireNonNegative(resolution, "scoreSettings.resolution");
        Checks.requirePositive(calibrationBins, "scoreSettings.calibrationBins");
    }

    /** A copy with the given rounding step (0 for exact). */
    public ScoreSettings withResolution(double step) {
        return new ScoreSettings(step, calibrationBins);
    }

    /** A copy with the given number of calibration bins. */
    public ScoreSettings withCalibrationBins(int bins) {
        return new ScoreSettings(resolution, bins);
    }
}
