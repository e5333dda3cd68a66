package io.privkit.drift.test;

import io.privkit.common.Checks;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The distribution of the two-sided one-sample Kolmogorov statistic D_n = sup |F_n - F| for a
 * continuous F: {@code cdf(n, x) = P(D_n <= x)} and {@code sf(n, x) = P(D_n >= x)}. It is also the
 * asymptotic null distribution of the two-sample statistic with n = round(n1 n2 / (n1 + n2)), which
 * is how SciPy's {@code ks_2samp(method='asymp')} uses it.
 *
 * <p>The method depends on (n, x) as recommended by R. Simard and P. L'Ecuyer, "Computing the
 * Two-Sided Kolmogorov-Smirnov Distribution", Journal of Statistical Software 39(11), 2011:
 * <ul>
 *   <li>n x &lt;= 1 and n x &gt;= n - 1: the closed forms of Ruben and Gambino (1982),
 *       P(D_n &lt;= x) = n!/n^n (2nx - 1)^n and P(D_n &gt;= x) = 2(1 - x)^n;</li>
 *   <li>x &gt;= 1/2, and in the upper tail (n x^2 &gt;= 4 for n &lt;= 140, n x^2 &gt;= 2.2 above):
 *       twice the exact one-sided Smirnov tail, 2 P(D_n^+ &gt;= x), with the Birnbaum and Tingey
 *       (1951) sum P(D_n^+ &gt;= x) = x sum_{j=0}^{floor(n(1-x))} C(n,j) (1 - x - j/n)^{n-j}
 *       (x + j/n)^{j-1} (exact for x &gt;= 1/2, Miller's approximation otherwise);</li>
 *   <li>the body, for n &lt;= 140 or n x^{3/2} &lt;= 1.4 (n &lt;= 100000): the exact Durbin (1968)
 *       matrix formula P(D_n &lt; d) = n!/n^n (H^n)_{kk}, k = ceil(n d), evaluated with the scaled
 *       squaring of G. Marsaglia, W. W. Tsang and J. Wang, "Evaluating Kolmogorov's Distribution",
 *       Journal of Statistical Software 8(18), 2003;</li>
 *   <li>otherwise the Pelz and Good (1976) asymptotic series (Li-Chien/Korolyuk expansion to
 *       order n^{-3/2}, with Jacobi-theta transforms for small z = x sqrt(n)).</li>
 * </ul>
 * Where Simard and L'Ecuyer use the Pomeranz recursion (n &lt;= 140), this class uses the Durbin
 * matrix, which is also exact. Stateless and thread-safe.
 */
public final class KolmogorovDistribution {
    private static final double PI2 = Math.PI * Math.PI;
    private static final double PI4 = PI2 * PI2;
    private static final double PI6 = PI4 * PI2;
    private static final double SQRT2PI = Math.sqrt(2 * Math.PI);
    private static final double SQRT3 = Math.sqrt(3);

    private KolmogorovDistribution() {
    }

    /** P(D_n &gt;= x). */
    public static double sf(int n, double x) {
        return compute(n, x, false);
    }

    /** P(D_n &lt;= x). */
    public static double cdf(int n, double x) {
        return compute(n, x, true);
    }

    private static double pick(double cdf, double sf, boolean wantCdf) {
        return clip(wantCdf ? cdf : sf);
    }

    private static double clip(double p) {
        return Math.max(0.0, Math.min(1.0, p));
    }

    private static double compute(int n, double x, boolean wantCdf) {
        Checks.requirePositive(n, "n");
        if (Double.isNaN(x)) {
            throw Checks.argument("x").mustBe("a number").got(x).noFix().exception();
        }
        if (x >= 1.0) {
            return pick(1.0, 0.0, wantCdf);
        }
        if (x <= 0.0) {
            return pick(0.0, 1.0, wantCdf);
        }
        double t = n * x;
        if (t <= 1.0) {
            if (t <= 0.5) {
                return pick(0.0, 1.0, wantCdf);
            }
            double prob = Math.exp(logFactorialOverPower(n) + n * Math.log(2 * t - 1));
            return pick(prob, 1.0 - prob, wantCdf);
        }
        if (t >= n - 1) {
            double prob = 2 * Math.pow(1.0 - x, n);
            return pick(1 - prob, prob, wantCdf);
        }
        if (x >= 0.5) {
            double prob = 2 * smirnovSf(n, x);
            return pick(1.0 - prob, prob, wantCdf);
        }
        double nx2 = t * x;
        if (n <= 140) {
            if (nx2 <= 4) {
                double prob = durbinCdf(n, x);
                return pick(prob, 1.0 - prob, wantCdf);
            }
            double prob = 2 * smirnovSf(n, x);
            return pick(1.0 - prob, prob, wantCdf);
        }
        if (!wantCdf) {
            if (nx2 >= 370.0) {
                return 0.0;
            }
            if (nx2 >= 2.2) {
                return clip(2 * smirnovSf(n, x));
            }
        }
        double cdf;
        if (nx2 >= 18.0) {
            cdf = 1.0;
        } else if (n <= 100000 && n * Math.pow(x, 1.5) <= 1.4) {
            cdf = durbinCdf(n, x);
        } else {
            cdf = pelzGoodCdf(n, x);
        }
        return pick(cdf, 1.0 - cdf, wantCdf);
    }

    /** log(n! / n^n). */
    private static double logFactorialOverPower(int n) {
        return LogGamma.value(n + 1.0) - n * Math.log(n);
    }

    /**
     * Exact one-sided Smirnov tail P(D_n^+ &gt;= x) by the Birnbaum-Tingey sum, terms in log space.
     *
     * @param n sample size
     * @param x the statistic, in (0, 1)
     * @return the tail probability
     */
    public static double smirnovSf(int n, double x) {
        Checks.requirePositive(n, "n");
        if (x <= 0) {
            return 1.0;
        }
        if (x >= 1) {
            return 0.0;
        }
        double nx = n * x;
        int jmax = (int) Math.floor(n - nx);
        double logN = Math.log(n);
        double lgN1 = LogGamma.value(n + 1.0);
        double sum = 0;
        for (int j = 0; j <= jmax; j++) {
            double a = (n - j) - nx; // n (1 - x - j/n)
            double b = nx + j;       // n (x + j/n)
            if (a <= 0) {
                if (n - j == 0) {
                    // 0^0 = 1
                    a = 1;
                } else {
                    continue;
                }
            }
            double logTerm = lgN1 - LogGamma.value(j + 1.0) - LogGamma.value(n - j + 1.0)
                    + (n - j) * (Math.log(a) - logN) + (j - 1) * (Math.log(b) - logN);
            if (n - j == 0) {
                logTerm = lgN1 - LogGamma.value(j + 1.0) - LogGamma.value(n - j + 1.0) + (j - 1) * (Math.log(b) - logN);
            }
            sum += Math.exp(logTerm);
        }
        return clip(x * sum);
    }

    /** Durbin's matrix formula with Marsaglia-Tsang-Wang scaling: P(D_n &lt; d). */
    static double durbinCdf(int n, double d) {
        double nd = n * d;
        if (nd <= 0.5) {
            return 0.0;
        }
        int k = (int) Math.ceil(nd);
        double h = k - nd;
        int m = 2 * k - 1;
        double[][] hm = new double[m][m];
        double[] fact = new double[m + 1]; // 1/i!
        fact[0] = 1;
        for (int i = 1; i <= m; i++) {
            fact[i] = fact[i - 1] / i;
        }
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < m; j++) {
                int e = i - j + 1;
                hm[i][j] = e >= 0 ? fact[e] : 0.0;
            }
        }
        for (int i = 0; i < m; i++) {
            hm[i][0] = (1 - Math.pow(h, i + 1)) * fact[i + 1];
            hm[m - 1][i] = (1 - Math.pow(h, m - i)) * fact[m - i];
        }
        hm[m - 1][0] = (1 - 2 * Math.pow(h, m) + Math.pow(Math.max(0, 2 * h - 1), m)) * fact[m];
        // H^n by squaring, keeping a binary exponent beside each matrix.
        double[][] result = identity(m);
        int resultExp = 0;
        double[][] base = hm;
        int baseExp = 0;
        int e = n;
        while (e > 0) {
            if ((e & 1) == 1) {
                result = multiply(result, base);
                resultExp += baseExp;
                int s = rescale(result, k - 1);
                resultExp += s;
            }
            e >>= 1;
            if (e > 0) {
                base = multiply(base, base);
                baseExp *= 2;
                int s = rescale(base, k - 1);
                baseExp += s;
            }
        }
        double p = result[k - 1][k - 1];
        int exp = resultExp;
        for (int i = 1; i <= n; i++) {
            p = p * i / n;
            if (p != 0 && Math.abs(p) < 0x1p-400) {
                p = Math.scalb(p, 400);
                exp -= 400;
            }
        }
        return clip(Math.scalb(p, exp));
    }

    private static int rescale(double[][] a, int k) {
        double v = Math.abs(a[k][k]);
        if (v > 0x1p400) {
            scale(a, -400);
            return 400;
        }
        return 0;
    }

    private static void scale(double[][] a, int exp) {
        for (double[] row : a) {
            for (int j = 0; j < row.length; j++) {
                row[j] = Math.scalb(row[j], exp);
            }
        }
    }

    private static double[][] identity(int m) {
        double[][] r = new double[m][m];
        for (int i = 0; i < m; i++) {
            r[i][i] = 1;
        }
        return r;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int m = a.length;
        double[][] c = new double[m][m];
        for (int i = 0; i < m; i++) {
            double[] ci = c[i];
            for (int l = 0; l < m; l++) {
                double ail = a[i][l];
                if (ail == 0) {
                    continue;
                }
                double[] bl = b[l];
                for (int j = 0; j < m; j++) {
                    ci[j] += ail * bl[j];
                }
            }
        }
        return c;
    }

    /** The Pelz-Good (1976) asymptotic approximation of P(D_n &lt;= x), as given by Simard and L'Ecuyer (2011). */
    static double pelzGoodCdf(int n, double x) {
        double z = Math.sqrt(n) * x;
        double z2 = z * z;
        double z3 = z2 * z;
        double z4 = z2 * z2;
        double z6 = z4 * z2;
        double qlog = -PI2 / 8 / z2;
        if (qlog < -708) {
            return 0.0;
        }
        double q = Math.exp(qlog);
        double k1a = -z2;
        double k1b = PI2 / 4;
        double k2a = 6 * z6 + 2 * z4;
        double k2b = (2 * z4 - 5 * z2) * PI2 / 4;
        double k2c = PI4 * (1 - 2 * z2) / 16;
        double k3d = PI6 * (5 - 30 * z2) / 64;
        double k3c = PI4 * (-60 * z2 + 212 * z4) / 16;
        double k3b = PI2 * (135 * z4 - 96 * z6) / 4;
        double k3a = -30 * z6 - 90 * z4 * z4;
        double[] acc = new double[4];
        int maxk = (int) Math.ceil(16 * z / Math.PI);
        for (int k = maxk; k >= 1; k--) {
            double m = 2 * k - 1;
            double m2 = m * m;
            double m4 = m2 * m2;
            double m6 = m4 * m2;
            double qpow = Math.pow(q, 8 * k);
            double[] c = {1.0, k1a + k1b * m2, k2a + k2b * m2 + k2c * m4, k3a + k3b * m2 + k3c * m4 + k3d * m6};
            for (int i = 0; i < 4; i++) {
                acc[i] = acc[i] * qpow + c[i];
            }
        }
        double[] div = {z, 6 * z4, 72 * z6 * z, 6480 * z6 * z4};
        for (int i = 0; i < 4; i++) {
            acc[i] = acc[i] * q * SQRT2PI / div[i];
        }
        double q2 = Math.exp(-PI2 / 2 / z2);
        double k2extra = 0;
        double k3extra = 0;
        double s3z = SQRT3 * z;
        for (int k = maxk; k >= 1; k--) {
            double k2 = (double) k * k;
            double qp = Math.pow(q2, k2);
            k2extra += k2 * qp;
            double kpi = Math.PI * k;
            k3extra += (s3z + kpi) * (s3z - kpi) * k2 * qp;
        }
        acc[2] += k2extra * PI2 * SQRT2PI / (-36 * z3);
        acc[3] += k3extra * PI2 * SQRT2PI / (216 * z6);
        double sum = 0;
        for (int i = 0; i < 4; i++) {
            sum += acc[i] / Math.pow(n, i / 2.0);
        }
        return sum;
    }
}
