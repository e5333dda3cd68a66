package io.privkit.fairness.stats;

import io.privkit.common.Checks;

/**
 * Sample quantiles by linear interpolation between order statistics (Hyndman and Fan's type 7,
 * the default of R's {@code quantile} and NumPy's {@code quantile}): for sorted
 * {@code x[0..n-1]} and {@code q} in [0, 1], {@code h = (n-1) q},
 * {@code Q(q) = x[floor h] + (h - floor h)(x[floor h + 1] - x[floor h])}. R. J. Hyndman and Y. Fan,
 * "Sample quantiles in statistical packages", The American Statistician 50 (1996).
 *
 * <p>Stateless and thread-safe.
 */
public final class Quantiles {
    private Quantiles() {
    }

    /**
     * The type-7 quantile of {@code sorted} (ascending, no NaN).
     *
     * @throws IllegalArgumentException if {@code sorted} is empty or q is not in [0, 1]
     */
    public static double linear(double[] sorted, double q) {
        Checks.requireNonNull(sorted, "sorted");
        Checks.requireProbability(q, "q");
        if (sorted.length == 0) {
            throw Checks.argument("sorted").mustBe("non-empty").got("an empty array").noFix().exception();
        }
        double h = (sorted.length - 1) * q;
        int lo = (int) Math.floor(h);
        if (lo >= sorted.length - 1) {
            return sorted[sorted.length - 1];
        }
        return sorted[lo] + (h - lo) * (sorted[lo + 1] - sorted[lo]);
    }
}
