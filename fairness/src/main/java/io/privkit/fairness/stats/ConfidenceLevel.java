package io.privkit.fairness.stats;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The nominal coverage of a two-sided confidence interval, e.g. 0.95, and its normal quantile
 * {@code z = Phi^-1(1 - (1 - level) / 2)} (1.959963984540054 for 0.95).
 *
 * <p>Immutable and thread-safe.
 *
 * @param value the coverage, strictly between 0 and 1
 */
public record ConfidenceLevel(double value) {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);

    /** The conventional 95% level. */
    public static final ConfidenceLevel NINETY_FIVE = new ConfidenceLevel(0.95);

    public ConfidenceLevel {
        Checks.requireIn(value, "confidenceLevel", Interval.open(0, 1), "Use a coverage such as 0.95.");
    }

    /** A level, e.g. {@code ConfidenceLevel.of(0.95)}. */
    public static ConfidenceLevel of(double value) {
        return new ConfidenceLevel(value);
    }

    /** The probability outside the interval, {@code 1 - level}. */
    public double alpha() {
        return 1 - value;
    }

    /** The two-sided normal quantile {@code Phi^-1(1 - alpha / 2)}. */
    public double z() {
        return STANDARD_NORMAL.inverseSurvivalProbability(alpha() / 2);
    }
}
