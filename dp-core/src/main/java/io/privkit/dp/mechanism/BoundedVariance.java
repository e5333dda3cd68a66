package io.privkit.dp.mechanism;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A differentially private variance of values clamped to [L, U], each unit contributing at most m
 * rows, in the manner of Google's BoundedVariance: a third of the budget each on a noisy count
 * (sensitivity m), a noisy sum of centred values x − c (sensitivity m·h) and a noisy sum of their
 * squares (sensitivity m·h²), with c = (L+U)/2 and h = (U−L)/2; the release is
 * S₂'/n' − (S₁'/n')², clamped to [0, h²] (post-processing). Sums are exact before noise.
 *
 * <p>Single-use. Not thread-safe.
 */
public final class BoundedVariance {
    private final Contributions contributions;
    private final ScalarNoise.Integer countNoise;
    private final ScalarNoise sumNoise;
    private final ScalarNoise squaresNoise;
    private final BigDecimal mid;
    private final double maxVariance;
    private BigDecimal sum = BigDecimal.ZERO;
    private BigDecimal squares = BigDecimal.ZERO;
    private long count;

    private BoundedVariance(AggregationParameters p) {
        this.contributions = new Contributions(p, "BoundedVariance", true);
        this.mid = new BigDecimal(p.lower()).add(new BigDecimal(p.upper())).divide(BigDecimal.valueOf(2));
        double half = (p.upper() - p.lower()) / 2;
        this.maxVariance = half * half;
        double eps = p.epsilon() / 3;
        double delta = p.delta() / 3;
        this.countNoise = ScalarNoise.Integer.of(p.noise(), p.maxContributionsPerUnit(), eps, delta);
        this.sumNoise = ScalarNoise.of(p.noise(), Math.nextUp(p.maxContributionsPerUnit() * half), eps, delta);
        this.squaresNoise = ScalarNoise.of(p.noise(), Math.nextUp(Math.nextUp(p.maxContributionsPerUnit() * half * half)), eps, delta);
    }

    /** A variance with the given parameters (bounds required). */
    public static BoundedVariance create(AggregationParameters parameters) {
        return new BoundedVariance(Checks.requireNonNull(parameters, "parameters"));
    }

    /** Adds one row of the given unit. */
    public void add(Object unit, double value) {
        contributions.add(unit, value, this::accept);
    }

    /** Adds one row (units {@link UnitKeying#EACH_ROW}). */
    public void add(double value) {
        contributions.add(value, this::accept);
    }

    private void accept(double v) {
        BigDecimal c = new BigDecimal(v).subtract(mid);
        sum = sum.add(c);
        squares = squares.add(c.multiply(c));
        count++;
    }

    /** What the release costs: count, sum and sum of squares. */
    public DpEvent event() {
        return new DpEvent.Composed(java.util.List.of(countNoise.event(), sumNoise.event(), squaresNoise.event()));
    }

    /** Releases the noisy variance (once). */
    public Release<Double> compute(Randomness random) {
        Checks.requireNonNull(random, "random");
        contributions.close();
        long n = Math.max(1, Math.addExact(count, countNoise.sample(random)));
        BigDecimal nBig = BigDecimal.valueOf(n);
        BigDecimal m1 = new BigDecimal(sumNoise.addNoise(sum, random)).divide(nBig, MathContext.DECIMAL64);
        BigDecimal m2 = new BigDecimal(squaresNoise.addNoise(squares, random)).divide(nBig, MathContext.DECIMAL64);
        double variance = m2.subtract(m1.multiply(m1)).doubleValue();
        return new Release<>(Math.max(0, Math.min(maxVariance, variance)), event());
    }

    /** What contribution bounding did (not private: do not release). */
    public ContributionReport report() {
        return contributions.report();
    }

    /** The noise samplers, for evidence records. */
    public String sampler() {
        return countNoise.describe() + "; " + sumNoise.describe();
    }
}
