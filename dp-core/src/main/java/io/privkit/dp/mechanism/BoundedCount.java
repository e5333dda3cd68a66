package io.privkit.dp.mechanism;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;

/**
 * A differentially private count of rows, with each unit contributing at most
 * {@code maxContributionsPerUnit} rows (in the spirit of the Count of Google's differential-privacy
 * building blocks). Sensitivity Δ = maxContributionsPerUnit under add-or-remove-one; the noise is
 * integer (discrete Laplace of scale ≥ Δ/ε, or a discrete Gaussian calibrated with the PLD
 * accountant), so the result is an integer, possibly negative (clamp it at 0 if you wish: that is
 * post-processing). Values are ignored; rows with a NaN value follow the {@link NanPolicy}.
 *
 * <p>Single-use: {@link #compute(Randomness)} releases once. Not thread-safe.
 */
public final class BoundedCount {
    private final Contributions contributions;
    private final ScalarNoise.Integer noise;
    private long count;

    private BoundedCount(AggregationParameters p) {
        this.contributions = new Contributions(p, "BoundedCount", false);
        this.noise = ScalarNoise.Integer.of(p.noise(), p.maxContributionsPerUnit(), p.epsilon(), p.delta());
    }

    /** A count with the given parameters (bounds are not needed). */
    public static BoundedCount create(AggregationParameters parameters) {
        return new BoundedCount(Checks.requireNonNull(parameters, "parameters"));
    }

    /** Counts one row of the given unit. */
    public void add(Object unit) {
        contributions.add(unit, 0, v -> count++);
    }

    /** Counts one row (units {@link UnitKeying#EACH_ROW}). */
    public void add() {
        contributions.add(0, v -> count++);
    }

    /** What the release costs. */
    public DpEvent event() {
        return noise.event();
    }

    /** Releases the noisy count (once). */
    public Release<Long> compute(Randomness random) {
        Checks.requireNonNull(random, "random");
        contributions.close();
        return new Release<>(Math.addExact(count, noise.sample(random)), event());
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
