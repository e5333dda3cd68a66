package io.privkit.drift.profile;

import io.privkit.common.Checks;
import java.util.Arrays;
import org.apache.datasketches.kll.KllDoublesSketch;
import org.apache.datasketches.quantilescommon.QuantileSearchCriteria;

/**
 * The two-sample Kolmogorov-Smirnov statistic estimated from two KLL quantile sketches (Z. Karnin,
 * K. Lang and E. Liberty, "Optimal Quantile Approximation in Streams", FOCS 2016), with a proven
 * error bound.
 *
 * <p>Let F_n, G_m be the empirical CDFs, D = sup_t |F_n(t) - G_m(t)|, and R_x(t), R_y(t) the sketches'
 * normalised ranks with INCLUSIVE search (the fraction of weight at or below t), U_x, U_y their
 * retained items.
 * <ol>
 *   <li><b>Lemma</b> (where the supremum is attained). R_x is a right-continuous step function that
 *       jumps only at points of U_x, and R_y likewise on U_y; both are 0 left of min(U_x union U_y) and
 *       constant on every interval [u_(i), u_(i+1)) of the merged retained items. Hence
 *       sup_t |R_x(t) - R_y(t)| = D_hat := max over u in U_x union U_y of |R_x(u) - R_y(u)|.</li>
 *   <li><b>Theorem.</b> If ||R_x - F_n||_inf &lt;= eps_x and ||R_y - G_m||_inf &lt;= eps_y then
 *       |D_hat - D| &lt;= eps_x + eps_y. <i>Proof</i>: by the triangle inequality for the sup norm,
 *       | ||a||_inf - ||b||_inf | &lt;= ||a - b||_inf with a = R_x - R_y and b = F_n - G_m, and
 *       ||a - b||_inf &lt;= ||R_x - F_n||_inf + ||R_y - G_m||_inf. QED.</li>
 *   <li><b>Probability.</b> eps(k) is DataSketches' normalised rank error for single-sided queries,
 *       fitted to the 99th percentile of the maximum rank error over a whole sketch; a sketch that has
 *       not compacted (not in estimation mode) is exact, eps = 0. By the union bound the interval
 *       D in [D_hat - eps, D_hat + eps], eps = eps_x + eps_y, holds with probability at least about 0.98.
 *       Merging sketches keeps the guarantee with the merged sketch's eps.</li>
 * </ol>
 * DataSketches' own {@code KolmogorovSmirnov} helper is not used: its merge walk compares the two
 * CDFs at different points (an off-by-one that breaks the bound on tied data) and its threshold uses
 * the retained item counts as sample sizes.
 *
 * <p>Cost: O((|U_x| + |U_y|) log(|U_x| + |U_y|)). Stateless and thread-safe (the sketches are only read).
 */
public final class SketchKs {
    private SketchKs() {
    }

    /**
     * The estimate and its bound.
     *
     * @param dHat  the statistic between the sketches' rank functions
     * @param bound eps_x + eps_y
     * @param n     items summarised by the first sketch
     * @param m     items summarised by the second sketch
     */
    public record Estimate(double dHat, double bound, long n, long m) {
        /** The lower end of the interval for D, clipped at 0. */
        public double lower() {
            return Math.max(0, dHat - bound);
        }

        /** The upper end, clipped at 1. */
        public double upper() {
            return Math.min(1, dHat + bound);
        }
    }

    /** D_hat and its bound for two non-empty sketches. */
    public static Estimate estimate(KllDoublesSketch x, KllDoublesSketch y) {
        Checks.requireNonNull(x, "first sketch");
        Checks.requireNonNull(y, "second sketch");
        if (x.isEmpty() || y.isEmpty()) {
            throw Checks.argument("sketches").mustBe("non-empty").got(x.isEmpty() ? "an empty first sketch" : "an empty second sketch")
                    .noFix().exception();
        }
        double[] ux = x.getSortedView().getQuantiles();
        double[] uy = y.getSortedView().getQuantiles();
        double[] all = new double[ux.length + uy.length];
        System.arraycopy(ux, 0, all, 0, ux.length);
        System.arraycopy(uy, 0, all, ux.length, uy.length);
        Arrays.sort(all);
        double d = 0;
        double prev = Double.NaN;
        for (double u : all) {
            if (u == prev) {
                continue;
            }
            prev = u;
            double diff = Math.abs(x.getRank(u, QuantileSearchCriteria.INCLUSIVE) - y.getRank(u, QuantileSearchCriteria.INCLUSIVE));
            d = Math.max(d, diff);
        }
        return new Estimate(d, epsilon(x) + epsilon(y), x.getN(), y.getN());
    }

    /** The sketch's single-sided normalised rank error bound: 0 while it holds every item exactly. */
    public static double epsilon(KllDoublesSketch s) {
        return s.isEstimationMode() ? s.getNormalizedRankError(false) : 0.0;
    }
}
