package io.privkit.drift.multivariate;

import io.privkit.common.Checks;
import io.privkit.common.Interval;
import io.privkit.common.Randomness;
import io.privkit.drift.test.LinearAlgebra;
import java.util.Arrays;

/**
 * Drift in the correlation structure by PCA reconstruction error, the data-reconstruction method
 * NannyML popularised: standardise with the reference, keep the principal components explaining a
 * share of the variance (default 65%), and measure the mean Euclidean distance between each row and
 * its reconstruction from those components (I. T. Jolliffe, Principal Component Analysis, 2nd ed.,
 * 2002, section 10.1: the residual sum of squares as an outlier and change statistic). A change in
 * the relations between features (for example a broken correlation) raises the error even when
 * every marginal distribution is unchanged.
 *
 * <p>Threshold without bias: the components are fitted on one random half of the reference; the
 * other half is cut into chunks of the current sample's size, whose mean errors give the in-control
 * mean and standard deviation; drift when the current error exceeds mean + 3 sd. (Scoring reference
 * chunks with a model fitted on them would make the threshold too tight.) Eigenvectors come from the
 * Jacobi method on the d x d covariance (d up to a few hundred). Stateless and thread-safe.
 */
public final class PcaReconstruction {
    private PcaReconstruction() {
    }

    /**
     * The result.
     *
     * @param currentError      mean reconstruction error of the current rows
     * @param referenceMean     mean of the held-out reference chunks' errors
     * @param referenceSd       their standard deviation
     * @param threshold         referenceMean + 3 referenceSd
     * @param components        components kept
     * @param varianceExplained share of the variance they explain
     * @param chunks            held-out reference chunks used
     */
    public record Result(double currentError, double referenceMean, double referenceSd, double threshold, int components,
                         double varianceExplained, int chunks) {
        /** Whether the current error exceeds the threshold. */
        public boolean drift() {
            return currentError > threshold;
        }
    }

    /**
     * Fits on the reference and scores the current rows.
     *
     * @param varianceShare share of variance the kept components must explain, in (0, 1]
     */
    public static Result test(double[][] reference, double[][] current, double varianceShare, Randomness random) {
        int d = Rows.check(reference, "reference");
        if (Rows.check(current, "current") != d) {
            throw Checks.argument("current").mustBe("of " + d + " features like the reference").got(current[0].length).noFix().exception();
        }
        Checks.requireIn(varianceShare, "varianceShare", Interval.openClosed(0, 1), "Use e.g. 0.65.");
        Checks.requireNonNull(random, "random");
        int[] idx = new int[reference.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        Rows.shuffle(idx, random.derive("pca-split"));
        int half = reference.length / 2;
        int chunk = Math.min(current.length, Math.max(2, (reference.length - half) / 10));
        int chunks = (reference.length - half) / chunk;
        if (half < d + 1 || chunks < 2) {
            throw Checks.argument("reference").mustBe("large enough for a fit half and at least two held-out chunks").got(reference.length + " rows")
                    .fix("Give more reference rows (at least twice the current sample plus the number of features).").exception();
        }
        double[][] fit = new double[half][];
        for (int i = 0; i < half; i++) {
            fit[i] = reference[idx[i]];
        }
        double[][] m = Rows.moments(fit);
        double[][] z = Rows.standardise(fit, m);
        double[][] cov = new double[d][d];
        for (double[] r : z) {
            for (int a = 0; a < d; a++) {
                for (int b = a; b < d; b++) {
                    cov[a][b] += r[a] * r[b];
                }
            }
        }
        for (int a = 0; a < d; a++) {
            for (int b = a; b < d; b++) {
                cov[a][b] /= half;
                cov[b][a] = cov[a][b];
            }
        }
        double[][] eig = LinearAlgebra.symmetricEigen(cov);
        Integer[] order = new Integer[d];
        for (int i = 0; i < d; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (p, q) -> Double.compare(eig[0][q], eig[0][p]));
        double totalVar = 0;
        for (double e : eig[0]) {
            totalVar += Math.max(0, e);
        }
        int k = 0;
        double explained = 0;
        while (k < d && explained < varianceShare * totalVar - 1e-12) {
            explained += Math.max(0, eig[0][order[k]]);
            k++;
        }
        k = Math.max(1, k);
        double[][] basis = new double[k][d];
        for (int c = 0; c < k; c++) {
            for (int j = 0; j < d; j++) {
                basis[c][j] = eig[j + 1][order[c]];
            }
        }
        double[] chunkErrors = new double[chunks];
        for (int c = 0; c < chunks; c++) {
            double s = 0;
            for (int i = 0; i < chunk; i++) {
                s += error(reference[idx[half + c * chunk + i]], m, basis);
            }
            chunkErrors[c] = s / chunk;
        }
        double mean = Arrays.stream(chunkErrors).average().orElse(0);
        double sd = Math.sqrt(Arrays.stream(chunkErrors).map(e -> (e - mean) * (e - mean)).sum() / Math.max(1, chunks - 1));
        double cur = 0;
        for (double[] r : current) {
            cur += error(r, m, basis);
        }
        cur /= current.length;
        return new Result(cur, mean, sd, mean + 3 * sd, k, totalVar == 0 ? 1 : explained / totalVar, chunks);
    }

    private static double error(double[] row, double[][] m, double[][] basis) {
        int d = row.length;
        double[] z = new double[d];
        for (int j = 0; j < d; j++) {
            z[j] = (row[j] - m[0][j]) / m[1][j];
        }
        double[] rec = new double[d];
        for (double[] b : basis) {
            double proj = 0;
            for (int j = 0; j < d; j++) {
                proj += b[j] * z[j];
            }
            for (int j = 0; j < d; j++) {
                rec[j] += proj * b[j];
            }
        }
        double s = 0;
        for (int j = 0; j < d; j++) {
            s += (z[j] - rec[j]) * (z[j] - rec[j]);
        }
        return Math.sqrt(s);
    }
}
