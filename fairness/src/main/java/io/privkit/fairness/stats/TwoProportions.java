package io.privkit.fairness.stats;

import io.privkit.common.Checks;
import io.privkit.evidence.ConfidenceInterval;
import io.privkit.evidence.IntervalMethod;
import java.util.Optional;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * Two independent proportions, {@code p1 = k1/n1} (a group) and {@code p2 = k2/n2} (what it is
 * compared with), and the intervals and tests a disparity report needs. Differences are
 * {@code p1 - p2}; ratios {@code p1 / p2}.
 *
 * <ul>
 *   <li>{@link #newcombe}: R. G. Newcombe, "Interval estimation for the difference between
 *       independent proportions: comparison of eleven methods", Statistics in Medicine 17 (1998),
 *       method 10 (hybrid score): with Wilson limits {@code (l1, u1)}, {@code (l2, u2)} and
 *       {@code d = p1 - p2}, {@code L = d - sqrt((p1-l1)^2 + (u2-p2)^2)},
 *       {@code U = d + sqrt((u1-p1)^2 + (p2-l2)^2)}. Deterministic, good coverage at small n.</li>
 *   <li>{@link #katz}: the log interval for a ratio of D. Katz, J. Baptista, S. P. Azen and
 *       M. C. Pike, "Obtaining confidence intervals for the risk ratio in cohort studies",
 *       Biometrics 34 (1978): {@code exp(ln r +- z sqrt(1/k1 - 1/n1 + 1/k2 - 1/n2))}; undefined when
 *       either count of successes is 0.</li>
 *   <li>{@link #pooledZ}: the pooled two-proportion z statistic
 *       {@code (p1 - p2) / sqrt(p(1-p)(1/n1 + 1/n2))} with {@code p = (k1+k2)/(n1+n2)}; its square
 *       is Pearson's chi-squared on the 2x2 table without continuity correction.</li>
 *   <li>{@link #chiSquareYates}: Pearson's chi-squared with Yates' continuity correction, each
 *       {@code |O - E|} reduced by {@code min(0.5, |O - E|)} (as SciPy's {@code chi2_contingency}).</li>
 *   <li>{@link #fisherExactP}: Fisher's exact test, two-sided by minimum likelihood
 *       ({@link FisherExact}).</li>
 * </ul>
 *
 * <p>Immutable and thread-safe.
 *
 * @param group     the first proportion (the group)
 * @param reference the second proportion (the reference it is compared with)
 */
public record TwoProportions(Proportion group, Proportion reference) {
    private static final NormalDistribution STANDARD_NORMAL = NormalDistribution.of(0, 1);
    private static final ChiSquaredDistribution CHI2_1 = ChiSquaredDistribution.of(1);

    public TwoProportions {
        Checks.requireNonNull(group, "group");
        Checks.requireNonNull(reference, "reference");
    }

    /** A comparison of {@code group} with {@code reference}. */
    public static TwoProportions of(Proportion group, Proportion reference) {
        return new TwoProportions(group, reference);
    }

    /** Whether both proportions have trials, so that the difference is defined. */
    public boolean defined() {
        return !group.undefined() && !reference.undefined();
    }

    /** {@code p1 - p2}. */
    public double difference() {
        requireDefined();
        return group.value() - reference.value();
    }

    /** {@code p1 / p2}; empty when {@code p2 = 0}. */
    public Optional<Double> ratio() {
        requireDefined();
        return reference.successes() == 0 ? Optional.empty() : Optional.of(group.value() / reference.value());
    }

    /** Newcombe's hybrid score interval (method 10) for {@code p1 - p2}. */
    public ConfidenceInterval newcombe(ConfidenceLevel level) {
        return newcombe(level.value(), level.z());
    }

    ConfidenceInterval newcombe(double level, double z) {
        double[] limits = newcombeLimits(z);
        return new ConfidenceInterval(limits[0], limits[1], level, IntervalMethod.NEWCOMBE);
    }

    /**
     * Newcombe's limits {@code {lower, upper}} for the normal quantile {@code z >= 0} (z = 0 gives
     * the point estimate twice); for searches over the coverage, where a level may round to 1.
     */
    public double[] newcombeLimits(double z) {
        requireDefined();
        Checks.requireNonNegative(z, "z");
        double p1 = group.value();
        double p2 = reference.value();
        double[] w1 = ProportionMethod.wilson(group.successes(), group.trials(), z);
        double[] w2 = ProportionMethod.wilson(reference.successes(), reference.trials(), z);
        double d = p1 - p2;
        double lower = d - Math.sqrt(sq(p1 - w1[0]) + sq(w2[1] - p2));
        double upper = d + Math.sqrt(sq(w1[1] - p1) + sq(p2 - w2[0]));
        return new double[] {Math.max(-1.0, Math.min(d, lower)), Math.min(1.0, Math.max(d, upper))};
    }

    /**
     * Katz's limits {@code {lower, upper}} for {@code z >= 0}; null when a count of successes is 0.
     * For searches over the coverage.
     */
    public double[] katzLimits(double z) {
        requireDefined();
        Checks.requireNonNegative(z, "z");
        long k1 = group.successes();
        long k2 = reference.successes();
        if (k1 == 0 || k2 == 0) {
            return null;
        }
        double logRatio = Math.log(group.value() / reference.value());
        double se = Math.sqrt(Math.max(0, 1.0 / k1 - 1.0 / group.trials() + 1.0 / k2 - 1.0 / reference.trials()));
        return new double[] {Math.exp(logRatio - z * se), Math.exp(logRatio + z * se)};
    }

    /** The Wald interval {@code d +- z sqrt(p1 q1 / n1 + p2 q2 / n2)}; for comparison only. */
    public ConfidenceInterval wald(ConfidenceLevel level) {
        requireDefined();
        double p1 = group.value();
        double p2 = reference.value();
        double h = level.z() * Math.sqrt(p1 * (1 - p1) / group.trials() + p2 * (1 - p2) / reference.trials());
        return new ConfidenceInterval(p1 - p2 - h, p1 - p2 + h, level.value(), IntervalMethod.NORMAL);
    }

    /** Katz's log interval for {@code p1 / p2}; empty when {@code k1 = 0} or {@code k2 = 0}. */
    public Optional<ConfidenceInterval> katz(ConfidenceLevel level) {
        return katz(level.value(), level.z());
    }

    Optional<ConfidenceInterval> katz(double level, double z) {
        double[] limits = katzLimits(z);
        return limits == null ? Optional.empty() : Optional.of(new ConfidenceInterval(limits[0], limits[1], level, IntervalMethod.KATZ_LOG));
    }

    /** The pooled z statistic; empty when the pooled rate is 0 or 1 (no variation to test). */
    public Optional<Double> pooledZ() {
        requireDefined();
        long n = group.trials() + reference.trials();
        double p = (double) (group.successes() + reference.successes()) / n;
        if (p == 0 || p == 1) {
            return Optional.empty();
        }
        double se = Math.sqrt(p * (1 - p) * (1.0 / group.trials() + 1.0 / reference.trials()));
        return Optional.of((group.value() - reference.value()) / se);
    }

    /** The two-sided p-value of the pooled z test, {@code 2 (1 - Phi(|z|))}; 1 when there is no variation. */
    public double pooledZPValue() {
        return pooledZ().map(z -> Math.min(1.0, 2 * STANDARD_NORMAL.survivalProbability(Math.abs(z)))).orElse(1.0);
    }

    /** Pearson's chi-squared on the 2x2 table without continuity correction (equals z^2). */
    public double chiSquare() {
        return chiSquare(0.0);
    }

    /** Pearson's chi-squared with Yates' continuity correction. */
    public double chiSquareYates() {
        return chiSquare(0.5);
    }

    /** The p-value of a chi-squared statistic with one degree of freedom. */
    public static double chiSquarePValue(double statistic) {
        return CHI2_1.survivalProbability(statistic);
    }

    private double chiSquare(double correction) {
        requireDefined();
        long[][] table = table();
        double n = group.trials() + reference.trials();
        double[] rows = {group.trials(), reference.trials()};
        double[] cols = {table[0][0] + table[1][0], table[0][1] + table[1][1]};
        if (cols[0] == 0 || cols[1] == 0) {
            return 0.0;
        }
        double sum = 0;
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 2; j++) {
                double expected = rows[i] * cols[j] / n;
                double deviation = Math.abs(table[i][j] - expected);
                deviation -= Math.min(correction, deviation);
                sum += deviation * deviation / expected;
            }
        }
        return sum;
    }

    /** Fisher's exact test, two-sided by minimum likelihood. */
    public double fisherExactP() {
        requireDefined();
        return FisherExact.twoSided(table());
    }

    /** The sample odds ratio {@code k1 (n2-k2) / ((n1-k1) k2)}; empty when its denominator is 0. */
    public Optional<Double> sampleOddsRatio() {
        requireDefined();
        double denominator = (double) group.failures() * reference.successes();
        return denominator == 0 ? Optional.empty()
                : Optional.of((double) group.successes() * reference.failures() / denominator);
    }

    /** The 2x2 table {@code {{k1, n1-k1}, {k2, n2-k2}}}. */
    public long[][] table() {
        return new long[][] {{group.successes(), group.failures()}, {reference.successes(), reference.failures()}};
    }

    private void requireDefined() {
        if (!defined()) {
            throw Checks.argument(group.undefined() ? "group.trials" : "reference.trials").mustBe("> 0").got(0L)
                    .fix("A comparison needs both rates defined; report it as undefined instead.").exception();
        }
    }

    private static double sq(double x) {
        return x * x;
    }
}
