package io.privkit.fairness.metrics;

import io.privkit.common.Checks;
import io.privkit.evidence.Estimate;
import java.util.List;

/**
 * Smoothed empirical differential fairness of J. R. Foulds, R. Islam, K. N. Keya and S. Pan,
 * "An intersectional definition of fairness", ICDE 2020 (arXiv 2018): with the favourable count
 * {@code k_s} of each non-empty intersection s and its size {@code n_s}, the Dirichlet-smoothed
 * rate {@code p_s = (k_s + c/2) / (n_s + c)}, and
 * {@code EDF = max over s, s' of max(|ln p_s - ln p_s'|, |ln(1-p_s) - ln(1-p_s')|)}. The smoothing
 * keeps it finite for tiny intersections, so it degrades gracefully where per-group intervals are
 * too wide to read. Computed on labels and on predictions, the difference is the bias
 * amplification of the model.
 *
 * <p>Stateless and thread-safe.
 */
public final class DifferentialFairness {
    private DifferentialFairness() {
    }

    /**
     * EDF over groups given as {@code {favourable count, size}} pairs (empty groups are skipped).
     *
     * @param concentration the Dirichlet concentration c (1 in Foulds et al.), greater than 0
     */
    public static Estimate epsilon(String name, List<long[]> favourableAndSize, double concentration) {
        Checks.requireNonBlank(name, "name");
        Checks.requirePositive(concentration, "concentration");
        double minP = Double.POSITIVE_INFINITY;
        double maxP = Double.NEGATIVE_INFINITY;
        int groups = 0;
        for (long[] g : Checks.requireNoNullElements(favourableAndSize, "favourableAndSize")) {
            if (g[1] == 0) {
                continue;
            }
            groups++;
            double p = (g[0] + concentration / 2) / (g[1] + concentration);
            minP = Math.min(minP, p);
            maxP = Math.max(maxP, p);
        }
        if (groups < 2) {
            return Estimate.undefined(name, "fewer than two non-empty groups");
        }
        double eps = Math.max(Math.log(maxP) - Math.log(minP), Math.log(1 - minP) - Math.log(1 - maxP));
        return Estimate.of(name, eps, null);
    }
}
