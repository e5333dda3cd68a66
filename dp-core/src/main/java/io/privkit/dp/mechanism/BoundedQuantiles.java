package io.privkit.dp.mechanism;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.dp.accounting.DpEvent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Differentially private quantiles of values clamped to [L, U], each unit contributing at most m
 * rows. Each requested rank r is answered by the exponential mechanism (McSherry and Talwar 2007;
 * for quantiles, A. Smith, "Privacy-Preserving Statistical Estimation with Optimal Convergence
 * Rates", STOC 2011) over a public grid of 1025 equally spaced candidates in [L, U], with utility
 * u(c) = −|#{x &lt; c} − r·n| for the n bounded rows: one unit changes #{x &lt; c} by at most m and r·n
 * by at most r·m, so Δu ≤ m. The budget is split evenly over the ranks (basic composition); the
 * exponential mechanism is pure, so δ is not used. Sampling is exact
 * ({@link ExponentialMechanism}).
 *
 * <p>Single-use. Not thread-safe.
 */
public final class BoundedQuantiles {
    /** Number of grid candidates. */
    public static final int GRID = 1025;

    private final AggregationParameters parameters;
    private final Contributions contributions;
    private final List<Double> ranks;
    private final ExponentialMechanism perRank;
    private double[] values = new double[64];
    private int size;

    private BoundedQuantiles(AggregationParameters p, List<Double> ranks) {
        this.parameters = p;
        this.contributions = new Contributions(p, "BoundedQuantiles", true);
        this.ranks = List.copyOf(ranks);
        this.perRank = ExponentialMechanism.of(p.epsilon() / ranks.size(), p.maxContributionsPerUnit());
    }

    /**
     * Quantiles at the given ranks, each in [0, 1], with the given parameters (bounds required).
     */
    public static BoundedQuantiles create(AggregationParameters parameters, List<Double> ranks) {
        Checks.requireNonNull(parameters, "parameters");
        Checks.requireNonEmpty(ranks, "ranks");
        for (double r : ranks) {
            Checks.requireProbability(r, "rank");
        }
        return new BoundedQuantiles(parameters, ranks);
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
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = v;
    }

    /** What the release costs: one ε/k selection per rank. */
    public DpEvent event() {
        return new DpEvent.SelfComposed(perRank.event(), ranks.size());
    }

    /** Releases the noisy quantiles, in the order of the ranks (once). */
    public Release<List<Double>> compute(Randomness random) {
        Checks.requireNonNull(random, "random");
        contributions.close();
        double[] sorted = Arrays.copyOf(values, size);
        Arrays.sort(sorted);
        double[] grid = new double[GRID];
        for (int i = 0; i < GRID; i++) {
            grid[i] = parameters.lower() + (parameters.upper() - parameters.lower()) * i / (GRID - 1);
        }
        long[] below = new long[GRID];
        for (int i = 0; i < GRID; i++) {
            int idx = Arrays.binarySearch(sorted, grid[i]);
            if (idx < 0) {
                idx = -idx - 1;
            } else {
                while (idx > 0 && sorted[idx - 1] == grid[i]) {
                    idx--;
                }
            }
            below[i] = idx;
        }
        List<Double> out = new ArrayList<>();
        for (double r : ranks) {
            // Exact utilities: r·n and the differences are computed in decimal, not in floating point.
            java.math.BigDecimal target = new java.math.BigDecimal(r).multiply(java.math.BigDecimal.valueOf(size));
            java.math.BigDecimal[] u = new java.math.BigDecimal[GRID];
            for (int i = 0; i < GRID; i++) {
                u[i] = java.math.BigDecimal.valueOf(below[i]).subtract(target).abs().negate();
            }
            out.add(grid[perRank.selectIndex(u, random)]);
        }
        return new Release<>(List.copyOf(out), event());
    }

    /** What contribution bounding did (not private: do not release). */
    public ContributionReport report() {
        return contributions.report();
    }
}
