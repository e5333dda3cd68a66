package io.privkit.fairness.stats;

import io.privkit.common.Checks;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.IntervalMethod;
import org.apache.commons.statistics.distribution.BetaDistribution;

/**
 * How a confidence interval for a single proportion {@code k / n} is computed.
 *
 * <ul>
 *   <li>{@link #WILSON} (the default): the score interval of E. B. Wilson, "Probable inference, the
 *       law of succession, and statistical inference", JASA 22 (1927). Centre
 *       {@code (p + z^2/2n) / (1 + z^2/n)}, half-width {@code z sqrt(p(1-p)/n + z^2/4n^2) / (1 + z^2/n)}.
 *       Good coverage near 0 and 1 and at small n (L. D. Brown, T. T. Cai and A. DasGupta,
 *       "Interval estimation for a binomial proportion", Statistical Science 16 (2001)).</li>
 *   <li>{@link #CLOPPER_PEARSON}: the "exact" interval of C. J. Clopper and E. S. Pearson,
 *       Biometrika 26 (1934), from Beta quantiles: lower {@code B(alpha/2; k, n-k+1)} (0 when k = 0),
 *       upper {@code B(1-alpha/2; k+1, n-k)} (1 when k = n). Coverage is at least nominal, so it is
 *       conservative.</li>
 *   <li>{@link #JEFFREYS}: the equal-tailed Bayesian interval under the Jeffreys prior,
 *       {@code Beta(k+1/2, n-k+1/2)} quantiles at {@code alpha/2} and {@code 1-alpha/2} (Brown, Cai and
 *       DasGupta 2001), without the boundary modification at k = 0 or n (as statsmodels computes it).</li>
 *   <li>{@link #WALD}: {@code p +- z sqrt(p(1-p)/n)}, clipped to [0, 1]. Poor coverage near 0 and 1
 *       and at small n; offered only for comparison with tools that print it.</li>
 * </ul>
 *
 * <p>Beta quantiles come from Apache Commons Statistics, which agrees with SciPy to about 1e-16
 * on the reference values. Stateless and thread-safe.
 */
public enum ProportionMethod {
    /** Wilson score interval (the default). */
    WILSON(IntervalMethod.WILSON),
    /** Clopper-Pearson exact interval (conservative). */
    CLOPPER_PEARSON(IntervalMethod.CLOPPER_PEARSON),
    /** Jeffreys equal-tailed interval. */
    JEFFREYS(IntervalMethod.JEFFREYS),
    /** Wald (normal approximation) interval; for comparison only. */
    WALD(IntervalMethod.NORMAL);

    private final IntervalMethod recorded;

    ProportionMethod(IntervalMethod recorded) {
        this.recorded = recorded;
    }

    /** The method as recorded in evidence. */
    public IntervalMethod recorded() {
        return recorded;
    }

    /**
     * The interval for {@code proportion} at {@code level}.
     *
     * @throws IllegalArgumentException if the proportion has no trials (the rate is undefined, so
     *                                  is its interval)
     */
    public ConfidenceInterval interval(Proportion proportion, ConfidenceLevel level) {
        Checks.requireNonNull(proportion, "proportion");
        Checks.requireNonNull(level, "level");
        if (proportion.undefined()) {
            throw Checks.argument("proportion.trials").mustBe("> 0 for an interval").got(0L)
                    .fix("A rate with no trials is undefined; report it as undefined instead.").exception();
        }
        return interval(proportion.successes(), proportion.trials(), level.value(), level.z());
    }

    /**
     * The interval with a precomputed {@code z} for {@code level}; for inner loops. Package-private
     * callers guarantee {@code 0 <= k <= n}, {@code n > 0}.
     */
    ConfidenceInterval interval(long k, long n, double level, double z) {
        double lower;
        double upper;
        double alpha = 1 - level;
        switch (this) {
            case WILSON -> {
                double[] w = wilson(k, n, z);
                lower = w[0];
                upper = w[1];
            }
            case CLOPPER_PEARSON -> {
                lower = k == 0 ? 0.0 : BetaDistribution.of(k, n - k + 1.0).inverseCumulativeProbability(alpha / 2);
                upper = k == n ? 1.0 : BetaDistribution.of(k + 1.0, n - k).inverseSurvivalProbability(alpha / 2);
            }
            case JEFFREYS -> {
                BetaDistribution b = BetaDistribution.of(k + 0.5, n - k + 0.5);
                lower = b.inverseCumulativeProbability(alpha / 2);
                upper = b.inverseSurvivalProbability(alpha / 2);
            }
            case WALD -> {
                double p = (double) k / n;
                double h = z * Math.sqrt(p * (1 - p) / n);
                lower = Math.max(0.0, p - h);
                upper = Math.min(1.0, p + h);
            }
            default -> throw new AssertionError(this);
        }
        return new ConfidenceInterval(lower, Math.max(lower, upper), level, recorded);
    }

    /** Wilson limits {@code {lower, upper}} for {@code k / n}, exact 0 at k = 0 and 1 at k = n. */
    static double[] wilson(long k, long n, double z) {
        double p = (double) k / n;
        double z2 = z * z;
        double denominator = 1 + z2 / n;
        double centre = (p + z2 / (2.0 * n)) / denominator;
        double half = z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / denominator;
        double lower = k == 0 ? 0.0 : Math.max(0.0, centre - half);
        double upper = k == n ? 1.0 : Math.min(1.0, centre + half);
        return new double[] {lower, upper};
    }
}
