package io.privkit.fairness;

import io.privkit.common.Checks;

/**
 * The pre-registered band a disparity must lie in: for a difference {@code |d| <= bound}; for a
 * ratio {@code bound <= r <= 1 / bound} (symmetric on the log scale, so it does not matter which
 * group is divided by which). A ratio bound of 0.8 is the band of the "four-fifths" comparison,
 * applied as policy, not as law.
 *
 * <p>Immutable and thread-safe.
 *
 * @param scale difference or ratio
 * @param bound for a difference, the largest acceptable |d| (in (0, 1]); for a ratio, the smallest
 *              acceptable ratio (in (0, 1))
 */
public record Tolerance(Scale scale, double bound) {

    /** How the disparity is measured. */
    public enum Scale {
        /** Group minus reference. */
        DIFFERENCE,
        /** Group over reference. */
        RATIO
    }

    public Tolerance {
        Checks.requireNonNull(scale, "tolerance.scale");
        if (scale == Scale.DIFFERENCE) {
            Checks.requireIn(bound, "tolerance.bound", io.privkit.common.Interval.openClosed(0, 1),
                    "Give the largest acceptable absolute difference, e.g. 0.1.");
        } else {
            Checks.requireIn(bound, "tolerance.bound", io.privkit.common.Interval.open(0, 1),
                    "Give the smallest acceptable ratio, e.g. 0.8.");
        }
    }

    /** {@code |d| <= bound}. */
    public static Tolerance difference(double bound) {
        return new Tolerance(Scale.DIFFERENCE, bound);
    }

    /** {@code bound <= r <= 1/bound}. */
    public static Tolerance ratio(double bound) {
        return new Tolerance(Scale.RATIO, bound);
    }

    /** The lower end of the band. */
    public double lower() {
        return scale == Scale.DIFFERENCE ? -bound : bound;
    }

    /** The upper end of the band. */
    public double upper() {
        return scale == Scale.DIFFERENCE ? bound : 1 / bound;
    }

    /** The band in words, e.g. {@code |difference| <= 0.1}. */
    public String describe() {
        return scale == Scale.DIFFERENCE ? "|difference| <= " + bound : bound + " <= ratio <= " + (1 / bound);
    }
}
