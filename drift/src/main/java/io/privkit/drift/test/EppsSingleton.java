package io.privkit.drift.test;

import io.privkit.common.Checks;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * The Epps-Singleton two-sample test on the empirical characteristic function (T. W. Epps and
 * K. J. Singleton, "An omnibus test for the two-sample problem using the empirical characteristic
 * function", Journal of Statistical Computation and Simulation 26(3-4), 177-203, 1986).
 *
 * <p>Points t = (0.4, 0.8) are scaled by the semi-interquartile range of the pooled sample,
 * t_k / sigma with sigma = IQR/2 (type-7 quantiles). Each value maps to
 * g(x) = (cos(t_1 x), cos(t_2 x), sin(t_1 x), sin(t_2 x)); with biased covariance estimates
 * S_1, S_2 of g in each sample and N = n + m, the statistic is
 * W = N (gbar_1 - gbar_2)' Omega^+ (gbar_1 - gbar_2), Omega = (N/n) S_1 + (N/m) S_2, Omega^+
 * the Moore-Penrose inverse. Under the null W is asymptotically chi-square with r = rank(Omega^+)
 * degrees of freedom. When max(n, m) &lt; 25 the small-sample factor
 * 1/(1 + N^-0.45 + 10.1 (n^-1.7 + m^-1.7)) of the paper is applied.
 *
 * <p>Needs at least 5 values per sample and a pooled IQR &gt; 0. Stateless and thread-safe.
 */
public final class EppsSingleton {
    private EppsSingleton() {
    }

    /** The test at the default points t = (0.4, 0.8). */
    public static Outcome test(SortedSample reference, SortedSample current) {
        return test(reference, current, new double[] {0.4, 0.8});
    }

    /**
     * The test at the given positive points.
     *
     * @throws IllegalArgumentException with fewer than 5 values or a pooled IQR of 0
     */
    public static Outcome test(SortedSample reference, SortedSample current, double[] t) {
        int n = reference.size();
        int m = current.size();
        if (n < 5 || m < 5) {
            throw Checks.argument("Epps-Singleton sample sizes").mustBe("at least 5 each").got(n + " and " + m)
                    .fix("Use Kolmogorov-Smirnov or Cramer-von Mises on very small samples.").exception();
        }
        double[] pooled = new double[n + m];
        System.arraycopy(reference.raw(), 0, pooled, 0, n);
        System.arraycopy(current.raw(), 0, pooled, n, m);
        java.util.Arrays.sort(pooled);
        SortedSample all = SortedSample.trusted(pooled);
        double sigma = (all.quantile(0.75) - all.quantile(0.25)) / 2;
        if (!(sigma > 0)) {
            throw Checks.argument("pooled interquartile range").mustBe("> 0 for Epps-Singleton").got(sigma * 2)
                    .fix("The column is (nearly) constant; use chi-square on its values instead.").exception();
        }
        int p = 2 * t.length;
        double[] ts = new double[t.length];
        for (int i = 0; i < t.length; i++) {
            ts[i] = Checks.requirePositive(t[i], "t[" + i + "]") / sigma;
        }
        double[] mean1 = new double[p];
        double[][] cov1 = new double[p][p];
        moments(reference.raw(), ts, mean1, cov1);
        double[] mean2 = new double[p];
        double[][] cov2 = new double[p][p];
        moments(current.raw(), ts, mean2, cov2);
        double big = n + m;
        double[][] omega = new double[p][p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                omega[i][j] = big / n * cov1[i][j] + big / m * cov2[i][j];
            }
        }
        double[][] eig = LinearAlgebra.symmetricEigen(omega);
        double maxEig = 0;
        for (double e : eig[0]) {
            maxEig = Math.max(maxEig, Math.abs(e));
        }
        double cutoff = 1e-15 * maxEig;
        double[] diff = new double[p];
        for (int i = 0; i < p; i++) {
            diff[i] = mean1[i] - mean2[i];
        }
        double w = 0;
        int rank = 0;
        double maxInv = 0;
        for (int k = 0; k < p; k++) {
            if (Math.abs(eig[0][k]) > cutoff) {
                maxInv = Math.max(maxInv, 1 / Math.abs(eig[0][k]));
            }
        }
        for (int k = 0; k < p; k++) {
            double e = eig[0][k];
            if (Math.abs(e) <= cutoff) {
                continue;
            }
            // rank of the pseudo-inverse, with NumPy's matrix_rank tolerance
            if (1 / Math.abs(e) > maxInv * p * Math.ulp(1.0)) {
                rank++;
            }
            double proj = 0;
            for (int i = 0; i < p; i++) {
                proj += eig[i + 1][k] * diff[i];
            }
            w += proj * proj / e;
        }
        w *= big;
        if (Math.max(n, m) < 25) {
            w *= 1.0 / (1.0 + Math.pow(big, -0.45) + 10.1 * (Math.pow(n, -1.7) + Math.pow(m, -1.7)));
        }
        if (rank == 0) {
            return Outcome.test(TestId.ES, "W", 0.0, 1.0, Method.ASYMPTOTIC).withNote("degenerate covariance");
        }
        double pv = ChiSquaredDistribution.of(rank).survivalProbability(w);
        Outcome o = Outcome.test(TestId.ES, "W", w, pv, Method.ASYMPTOTIC);
        return rank < p ? o.withNote("covariance not of full rank (" + rank + " < " + p + "): the test may be inconsistent")
                : o;
    }

    private static void moments(double[] x, double[] ts, double[] mean, double[][] cov) {
        int p = mean.length;
        int len = x.length;
        double[][] gs = new double[p][len];
        for (int j = 0; j < len; j++) {
            for (int k = 0; k < ts.length; k++) {
                double a = ts[k] * x[j];
                gs[k][j] = Math.cos(a);
                gs[ts.length + k][j] = Math.sin(a);
            }
        }
        for (int i = 0; i < p; i++) {
            double s = 0;
            for (double v : gs[i]) {
                s += v;
            }
            mean[i] = s / len;
        }
        for (int i = 0; i < p; i++) {
            for (int k = i; k < p; k++) {
                double s = 0;
                for (int j = 0; j < len; j++) {
                    s += (gs[i][j] - mean[i]) * (gs[k][j] - mean[k]);
                }
                cov[i][k] = s / len;
                cov[k][i] = cov[i][k];
            }
        }
    }
}
