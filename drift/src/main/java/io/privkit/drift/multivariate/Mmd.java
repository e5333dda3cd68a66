package io.privkit.drift.multivariate;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;
import io.privkit.drift.test.Method;
import io.privkit.drift.test.Outcome;
import io.privkit.drift.test.TestId;
import java.util.Arrays;

/**
 * The kernel two-sample test with the maximum mean discrepancy (A. Gretton, K. M. Borgwardt,
 * M. J. Rasch, B. Scholkopf and A. Smola, "A Kernel Two-Sample Test", JMLR 13, 723-773, 2012).
 *
 * <p>Features are standardised by the reference's mean and standard deviation. With the Gaussian
 * kernel k(a, b) = exp(-||a - b||^2 / (2 s^2)), s the median pairwise distance of the pooled sample
 * (the median heuristic), the unbiased estimate (their eq. 3) is
 * MMD_u^2 = 1/(m(m-1)) sum_{i != j} k(x_i, x_j) + 1/(n(n-1)) sum_{i != j} k(y_i, y_j) - 2/(mn) sum k(x_i, y_j).
 * The p-value comes from B random relabellings of the pooled sample: p = (1 + #{MMD_perm &gt;= MMD_obs}) / (1 + B),
 * which counts the observed labelling as one of the permutations and so is valid (never 0) at
 * every B. The kernel matrix is computed once (O((m + n)^2 d)); each permutation costs O((m + n)^2).
 * Each sample is subsampled to at most {@code maxRows} rows (stated in the result). Randomness is
 * injected, so a run replays from its seed. Stateless and thread-safe.
 */
public final class Mmd {
    private Mmd() {
    }

    /**
     * The result.
     *
     * @param mmd2         the unbiased MMD^2 estimate
     * @param pValue       the permutation p-value (1 + k)/(1 + B)
     * @param permutations B
     * @param bandwidth    the kernel bandwidth s
     * @param rowsUsed     rows used per sample {reference, current}
     */
    public record Result(double mmd2, double pValue, int permutations, double bandwidth, int[] rowsUsed) {
        /** As an {@link Outcome}. */
        public Outcome outcome() {
            return new Outcome(TestId.MMD, "mmd2", mmd2, pValue, Method.PERMUTATION,
                    "Gaussian-kernel MMD (bandwidth " + bandwidth + "), " + permutations + " permutations, p = (1+k)/(1+B)");
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Result r && r.mmd2 == mmd2 && r.pValue == pValue && r.permutations == permutations
                    && r.bandwidth == bandwidth && Arrays.equals(r.rowsUsed, rowsUsed);
        }

        @Override
        public int hashCode() {
            return Double.hashCode(mmd2) * 31 + Double.hashCode(pValue);
        }

        @Override
        public String toString() {
            return "Mmd.Result[mmd2=" + mmd2 + ", p=" + pValue + ", B=" + permutations + "]";
        }
    }

    /** Test options. */
    public record Options(int permutations, int maxRows) {
        public Options {
            Checks.requireAtLeast(permutations, "permutations", 1);
            Checks.requireAtLeast(maxRows, "maxRows", 2);
        }

        /** 500 permutations, at most 1000 rows per sample. */
        public static Options standard() {
            return new Options(500, 1000);
        }
    }

    /** Runs the test. */
    public static Result test(double[][] reference, double[][] current, Options options, Randomness random) {
        int d = Rows.check(reference, "reference");
        if (Rows.check(current, "current") != d) {
            throw Checks.argument("current").mustBe("of " + d + " features like the reference").got(current[0].length).noFix().exception();
        }
        Checks.requireNonNull(options, "options");
        Checks.requireNonNull(random, "random");
        double[][] m = Rows.moments(reference);
        double[][] x = Rows.standardise(Rows.subsample(reference, options.maxRows(), random.derive("subsample-reference")), m);
        double[][] y = Rows.standardise(Rows.subsample(current, options.maxRows(), random.derive("subsample-current")), m);
        if (x.length < 2 || y.length < 2) {
            throw Checks.argument("samples").mustBe("at least 2 rows each").got(x.length + " and " + y.length).noFix().exception();
        }
        int nx = x.length;
        int total = nx + y.length;
        double[][] all = new double[total][];
        System.arraycopy(x, 0, all, 0, nx);
        System.arraycopy(y, 0, all, nx, y.length);
        double[][] dist2 = new double[total][total];
        double[] upper = new double[total * (total - 1) / 2];
        int u = 0;
        for (int i = 0; i < total; i++) {
            for (int j = i + 1; j < total; j++) {
                double s = 0;
                for (int k = 0; k < d; k++) {
                    double t = all[i][k] - all[j][k];
                    s += t * t;
                }
                dist2[i][j] = s;
                dist2[j][i] = s;
                upper[u++] = Math.sqrt(s);
            }
        }
        Arrays.sort(upper);
        double med = upper.length % 2 == 1 ? upper[upper.length / 2] : (upper[upper.length / 2 - 1] + upper[upper.length / 2]) / 2;
        double bandwidth = med > 0 ? med : 1.0;
        double gamma = 1 / (2 * bandwidth * bandwidth);
        double[][] k = new double[total][total];
        for (int i = 0; i < total; i++) {
            for (int j = 0; j < total; j++) {
                k[i][j] = i == j ? 1.0 : Math.exp(-gamma * dist2[i][j]);
            }
        }
        int[] labels = new int[total];
        for (int i = nx; i < total; i++) {
            labels[i] = 1;
        }
        double observed = statistic(k, labels, nx);
        Randomness pr = random.derive("permutations");
        int atLeast = 0;
        int[] perm = labels.clone();
        for (int b = 0; b < options.permutations(); b++) {
            Rows.shuffle(perm, pr);
            if (statistic(k, perm, nx) >= observed) {
                atLeast++;
            }
        }
        double p = (1.0 + atLeast) / (1.0 + options.permutations());
        return new Result(observed, p, options.permutations(), bandwidth, new int[] {nx, y.length});
    }

    /** Unbiased MMD^2 for a labelling (0 = first sample, of size nx). */
    static double statistic(double[][] k, int[] labels, int nx) {
        int total = labels.length;
        int ny = total - nx;
        double sxx = 0;
        double syy = 0;
        double sxy = 0;
        for (int i = 0; i < total; i++) {
            double[] ki = k[i];
            int li = labels[i];
            for (int j = i + 1; j < total; j++) {
                int lj = labels[j];
                if (li == lj) {
                    if (li == 0) {
                        sxx += ki[j];
                    } else {
                        syy += ki[j];
                    }
                } else {
                    sxy += ki[j];
                }
            }
        }
        return 2 * sxx / ((double) nx * (nx - 1)) + 2 * syy / ((double) ny * (ny - 1)) - 2 * sxy / ((double) nx * ny);
    }
}
