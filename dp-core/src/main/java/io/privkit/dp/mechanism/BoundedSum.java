package io.privkit.dp.mechanism;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import java.math.BigDecimal;

/**
 * A differentially private sum of values clamped to public bounds [L, U], each unit contributing
 * at most m rows (in the spirit of Google's BoundedSum). Sensitivity m·max(|L|, |U|) under
 * add-or-remove-one. The sum is computed exactly (a {@link BigDecimal} sum of the clamped doubles),
 * rounded to the noise grid from the exact value, and noised with {@link io.privkit.dp.noise.LaplaceNoise}
 * or {@link io.privkit.dp.noise.GaussianNoise}: no floating-point summation error can exceed the
 * stated sensitivity (Casacuberta et al., CCS 2022).
 *
 * <p>Single-use. Not thread-safe.
 */
public final class BoundedSum {
    private final Contributions contributions;
    private final ScalarNoise noise;
    private BigDecimal sum = BigDecimal.ZERO;

    private BoundedSum(AggregationParameters p) {
        this.contributions = new Contributions(p, "BoundedSum", true);
        double sensitivity = p.maxContributionsPerUnit() * Math.max(Math.abs(p.lower()), Math.abs(p.upper()));
        this.noise = ScalarNoise.of(p.noise(), sensitivity, p.epsilon(), p.delta());
    }

    /** A sum with the given parameters (bounds required). */
    public static BoundedSum create(AggregationParameters parameters) {
        return new BoundedSum(Checks.requireNonNull(parameters, "parameters"));
    }

    /** Adds one row of the given unit. */
    public void add(Object unit, double value) {
        contributions.add(unit, value, v -> sum = sum.add(new BigDecimal(v)));
    }

    /** Adds one row (units {@link UnitKeying#EACH_ROW}). */
    public void add(double value) {
        contributions.add(value, v -> sum = sum.add(new BigDecimal(v)));
    }

    /** What the release costs. */
    public DpEvent event() {
        return noise.event();
    }

    /** Releases the noisy sum (once). */
    public Release<Double> compute(Randomness random) {
        Checks.requireNonNull(random, "random");
        contributions.close();
        return new Release<>(noise.addNoise(sum, random), event());
    }

    /** What contribution bounding did (not private: do not release). */
    public ContributionReport report() {
        return contributions.report();
    }

    /** The noise sampler, for evidence records. */
    public String sampler() {
        return noise.describe();
    }
}
