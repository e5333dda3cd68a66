package io.privkit.drift.test;

import io.privkit.common.Checks;
import java.util.Arrays;

/**
 * The k-sample Anderson-Darling test of F. W. Scholz and M. A. Stephens, "K-Sample Anderson-Darling
 * Tests", Journal of the American Statistical Association 82(399), 918-924, 1987.
 *
 * <p>With pooled size N, distinct pooled values z_1 &lt; ... &lt; z_L, l_j ties at z_j, sample sizes n_i:
 * <ul>
 *   <li>{@link Variant#MIDRANK} (their eq. 7, for discrete data): B_j = #{pooled &lt; z_j} + l_j/2,
 *       M_ij = #{sample i &lt;= z_j} - f_ij/2, and A2akN = (N-1)/N sum_i 1/n_i sum_j l_j/N
 *       (N M_ij - n_i B_j)^2 / (B_j (N - B_j) - N l_j / 4);</li>
 *   <li>{@link Variant#RIGHT} (their eq. 6): B_j = #{pooled &lt;= z_j}, M_ij = #{sample i &lt;= z_j},
 *       A2kN = sum_i 1/n_i sum_{j&lt;L} l_j/N (N M_ij - n_i B_j)^2 / (B_j (N - B_j)).</li>
 * </ul>
 * The reported statistic is standardised, T = (A2 - (k-1)) / sigma_N with sigma_N^2 from their
 * eq. 4 (in H, h, g). The p-value interpolates log(significance) quadratically in the critical values
 * of their Table 2 (b0 + b1/sqrt(k-1) + b2/(k-1) at 25, 10, 5, 2.5, 1, 0.5, 0.1%), as SciPy does,
 * and is clipped to [0.001, 0.25] with a note saying so: beyond the table the value is not known.
 *
 * <p>Stateless and thread-safe.
 */
public final class AndersonDarling {
    private static final double[] B0 = {0.675, 1.281, 1.645, 1.96, 2.326, 2.573, 3.085};
    private static final double[] B1 = {-0.245, 0.25, 0.678, 1.149, 1.822, 2.364, 3.615};
    private static final double[] B2 = {-0.105, -0.305, -0.362, -0.391, -0.396, -0.345, -0.154};
    private static final double[] SIG = {0.25, 0.1, 0.05, 0.025, 0.01, 0.005, 0.001};

    private AndersonDarling() {
    }

    /** Which form of the statistic. */
    public enum Variant {
        /** Midrank form, for data with ties (the default). */
        MIDRANK,
        /** Right-continuous form. */
        RIGHT
    }

    /** Two-sample test, midrank variant. */
    public static Outcome test(SortedSample reference, SortedSample current) {
        return test(Variant.MIDRANK, reference, current);
    }

    /**
     * The k-sample test.
     *
     * @throws IllegalArgumentException with fewer than two samples or fewer than two distinct values
     */
    public static Outcome test(Variant variant, SortedSample... samples) {
        Checks.requireNonNull(variant, "variant");
        int k = samples.length;
        if (k < 2) {
            throw Checks.argument("samples").mustBe("at least 2").got(k).noFix().exception();
        }
        int total = 0;
        for (SortedSample s : samples) {
            total += s.size();
        }
        double[] z = new double[total];
        int pos = 0;
        for (SortedSample s : samples) {
            System.arraycopy(s.raw(), 0, z, pos, s.size());
            pos += s.size();
        }
        Arrays.sort(z);
        double[] distinct = distinct(z);
        if (distinct.length < 2) {
            throw Checks.argument("pooled sample").mustBe("at least two distinct values").got(distinct.length + " distinct value")
                    .fix("A constant column has no distribution to compare; report it instead.").exception();
        }
        double big = total;
        double a2 = variant == Variant.MIDRANK ? midrank(samples, z, distinct) : right(samples, z, distinct);
        double hSum = 0;
        for (int i = 1; i < total; i++) {
            hSum += 1.0 / i;
        }
        // g = sum_{i=1}^{N-2} sum_{j=i+1}^{N-1} 1/((N - i) j): running tail sums of 1/(N-i).
        double g = 0;
        double cs = 0;
        for (int t = 2; t < total; t++) {
            cs += 1.0 / (total - t + 1); // adds 1/(N-1), 1/(N-2), ..., 1/2
            g += cs / t;
        }
        double hh = 0;
        for (SortedSample s : samples) {
            hh += 1.0 / s.size();
        }
        double h = hSum;
        double a = (4 * g - 6) * (k - 1) + (10 - 6 * g) * hh;
        double b = (2 * g - 4) * k * k + 8 * h * k + (2 * g - 14 * h - 4) * hh - 8 * h + 4 * g - 6;
        double c = (6 * h + 2 * g - 2) * k * k + (4 * h - 4 * g + 6) * k + (2 * h - 6) * hh + 4 * h;
        double d = (2 * h + 6) * k * k - 4 * h * k;
        double sigmaSq = (a * big * big * big + b * big * big + c * big + d) / ((big - 1) * (big - 2) * (big - 3));
        int m = k - 1;
        double t = (a2 - m) / Math.sqrt(sigmaSq);
        double[] crit = criticalValues(m);
        String name = variant == Variant.MIDRANK ? "A2akN-standardised" : "A2kN-standardised";
        if (t < crit[0]) {
            return Outcome.test(TestId.AD, name, t, 0.25, Method.INTERPOLATED)
                    .withNote("p-value capped at 0.25: the true value is larger (beyond Scholz-Stephens Table 2)");
        }
        if (t > crit[crit.length - 1]) {
            return Outcome.test(TestId.AD, name, t, 0.001, Method.INTERPOLATED)
                    .withNote("p-value floored at 0.001: the true value is smaller (beyond Scholz-Stephens Table 2)");
        }
        double[] logSig = new double[SIG.length];
        for (int i = 0; i < SIG.length; i++) {
            logSig[i] = Math.log(SIG[i]);
        }
        double[] coef = quadraticFit(crit, logSig);
        double p = Math.exp(coef[0] * t * t + coef[1] * t + coef[2]);
        return Outcome.test(TestId.AD, name, t, p, Method.INTERPOLATED);
    }

    /** Critical values b0 + b1/sqrt(m) + b2/m of Scholz and Stephens' Table 2 for m = k - 1. */
    public static double[] criticalValues(int m) {
        double[] c = new double[B0.length];
        for (int i = 0; i < c.length; i++) {
            c[i] = B0[i] + B1[i] / Math.sqrt(m) + B2[i] / m;
        }
        return c;
    }

    private static double midrank(SortedSample[] samples, double[] z, double[] distinct) {
        int total = z.length;
        int l = distinct.length;
        double[] lj = new double[l];
        double[] bj = new double[l];
        int pos = 0;
        for (int j = 0; j < l; j++) {
            int start = pos;
            while (pos < total && z[pos] == distinct[j]) {
                pos++;
            }
            lj[j] = pos - start;
            bj[j] = start + lj[j] / 2.0;
        }
        double sum = 0;
        for (SortedSample s : samples) {
            double[] v = s.raw();
            int ni = v.length;
            double inner = 0;
            int p = 0;
            for (int j = 0; j < l; j++) {
                int start = p;
                while (p < ni && v[p] <= distinct[j]) {
                    p++;
                }
                int f = 0;
                for (int q = start; q < p; q++) {
                    if (v[q] == distinct[j]) {
                        f++;
                    }
                }
                double mij = p - f / 2.0;
                double num = total * mij - bj[j] * ni;
                inner += lj[j] / total * num * num / (bj[j] * (total - bj[j]) - total * lj[j] / 4.0);
            }
            sum += inner / ni;
        }
        return sum * (total - 1.0) / total;
    }

    private static double right(SortedSample[] samples, double[] z, double[] distinct) {
        int total = z.length;
        int l = distinct.length - 1;
        double[] lj = new double[l];
        double[] bj = new double[l];
        int pos = 0;
        for (int j = 0; j < l; j++) {
            int start = pos;
            while (pos < total && z[pos] == distinct[j]) {
                pos++;
            }
            lj[j] = pos - start;
            bj[j] = pos;
        }
        double sum = 0;
        for (SortedSample s : samples) {
            double[] v = s.raw();
            int ni = v.length;
            double inner = 0;
            int p = 0;
            for (int j = 0; j < l; j++) {
                while (p < ni && v[p] <= distinct[j]) {
                    p++;
                }
                double num = (double) total * p - bj[j] * ni;
                inner += lj[j] / total * num * num / (bj[j] * (total - bj[j]));
            }
            sum += inner / ni;
        }
        return sum;
    }

    static double[] distinct(double[] sorted) {
        int count = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                count++;
            }
        }
        double[] out = new double[count];
        int k = 0;
        for (int i = 0; i < sorted.length; i++) {
            if (i == 0 || sorted[i] != sorted[i - 1]) {
                out[k++] = sorted[i];
            }
        }
        return out;
    }

    /** Least-squares y = c0 x^2 + c1 x + c2 by the normal equations on centred, scaled x. */
    static double[] quadraticFit(double[] x, double[] y) {
        int n = x.length;
        double mean = 0;
        for (double v : x) {
            mean += v;
        }
        mean /= n;
        double scale = 0;
        for (double v : x) {
            scale = Math.max(scale, Math.abs(v - mean));
        }
        double[][] ata = new double[3][3];
        double[] aty = new double[3];
        for (int i = 0; i < n; i++) {
            double u = (x[i] - mean) / scale;
            double[] row = {u * u, u, 1};
            for (int r = 0; r < 3; r++) {
                aty[r] += row[r] * y[i];
                for (int c = 0; c < 3; c++) {
                    ata[r][c] += row[r] * row[c];
                }
            }
        }
        double[] c = LinearAlgebra.solve(ata, aty);
        // y = c0 u^2 + c1 u + c2, u = (x - mean)/scale: expand back to powers of x.
        double s2 = scale * scale;
        double q2 = c[0] / s2;
        double q1 = -2 * c[0] * mean / s2 + c[1] / scale;
        double q0 = c[0] * mean * mean / s2 - c[1] * mean / scale + c[2];
        return new double[] {q2, q1, q0};
    }
}
