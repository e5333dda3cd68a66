package io.privkit.dp.mechanism;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import java.math.BigDecimal;
import java.math.MathContext;

/**
 * A differentially private mean of values clamped to [L, U], each unit contributing at most m rows,
 * by the method of Google's BoundedMean: half the budget on a noisy count n' (sensitivity m), half
 * on a noisy sum of the values centred on the midpoint c = (L+U)/2 (sensitivity m·(U−L)/2); the
 * release is c + S'/max(n', 1), clamped to [L, U] (post-processing). Centring halves the sum's
 * sensitivity and keeps the estimate inside the bounds. The denominator is the noisy count, never
 * the true one (a private quantity: pytorch/opacus#571). Under Gaussian noise δ is split in half too.
 *
 * <p>Single-use. Not thread-safe.
 */
public final class BoundedMean {
    private final AggregationParameters parameters;
    private final Contributions contributions;
    private final ScalarNoise.Integer countNoise;
    private final ScalarNoise sumNoise;
    private final BigDecimal mid;
    private BigDecimal centredSum = BigDecimal.ZERO;
    private long count;

    private BoundedMean(AggregationParameters p) {
        this.parameters = p;
        this.contributions = new Contributions(p, "BoundedMean", true);
        this.mid = new BigDecimal(p.lower()).add(new BigDecimal(p.upper())).divide(BigDecimal.valueOf(2));
        double half = (p.upper() - p.lower()) / 2;
        this.countNoise = ScalarNoise.Integer.of(p.noise(), p.maxContributionsPerUnit(), p.epsilon() / 2, p.delta() / 2);
        this.sumNoise = ScalarNoise.of(p.noise(), Math.nextUp(p.maxContributionsPerUnit() * half), p.epsilon() / 2, p.delta() / 2);
    }

    /** A mean with the given parameters (bounds required). */
    public static BoundedMean create(AggregationParameters parameters) {
        return new BoundedMean(Checks.requireNonNull(parameters, "parameters"));
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
        centredSum = centredSum.add(new BigDecimal(v).subtract(mid));
        count++;
    }

    /** What the release costs: the noisy count and the noisy sum. */
    public DpEvent event() {
        return new DpEvent.Composed(java.util.List.of(countNoise.event(), sumNoise.event()));
    }

    /** Releases the noisy mean (once). */
    public Release<Double> compute(Randomness random) {
        Checks.requireNonNull(random, "random");
        contributions.close();
        long noisyCount = Math.max(1, Math.addExact(count, countNoise.sample(random)));
        double noisySum = sumNoise.addNoise(centredSum, random);
        double mean = mid.add(new BigDecimal(noisySum).divide(BigDecimal.valueOf(noisyCount), MathContext.DECIMAL64)).doubleValue();
        return new Release<>(Math.max(parameters.lower(), Math.min(parameters.upper(), mean)), event());
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
