package io.privkit.drift.multivariate;

import io.privkit.common.Checks;
import io.privkit.common.Randomness;

/** Checks and helpers for row matrices (package-private). */
final class Rows {
    private Rows() {
    }

    static int check(double[][] rows, String name) {
        Checks.requireNonNull(rows, name);
        if (rows.length == 0) {
            throw Checks.argument(name).mustBe("non-empty").got("0 rows").noFix().exception();
        }
        int d = rows[0].length;
        if (d == 0) {
            throw Checks.argument(name).mustBe("at least one feature").got("0 columns").noFix().exception();
        }
        for (int i = 0; i < rows.length; i++) {
            if (rows[i].length != d) {
                throw Checks.argument(name + "[" + i + "]").mustBe("of length " + d).got(rows[i].length).noFix().exception();
            }
            for (int j = 0; j < d; j++) {
                if (!Double.isFinite(rows[i][j])) {
                    throw Checks.argument(name + "[" + i + "][" + j + "]").mustBe("finite").got(rows[i][j])
                            .fix("Impute or drop missing values first (and report how many).").exception();
                }
            }
        }
        return d;
    }

    /** Per-feature mean and standard deviation (divisor n; 1 where constant). */
    static double[][] moments(double[][] rows) {
        int d = rows[0].length;
        double[] mean = new double[d];
        double[] sd = new double[d];
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                mean[j] += r[j];
            }
        }
        for (int j = 0; j < d; j++) {
            mean[j] /= rows.length;
        }
        for (double[] r : rows) {
            for (int j = 0; j < d; j++) {
                sd[j] += (r[j] - mean[j]) * (r[j] - mean[j]);
            }
        }
        for (int j = 0; j < d; j++) {
            sd[j] = Math.sqrt(sd[j] / rows.length);
            if (!(sd[j] > 0)) {
                sd[j] = 1;
            }
        }
        return new double[][] {mean, sd};
    }

    static double[][] standardise(double[][] rows, double[][] m) {
        double[][] out = new double[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            out[i] = new double[rows[i].length];
            for (int j = 0; j < rows[i].length; j++) {
                out[i][j] = (rows[i][j] - m[0][j]) / m[1][j];
            }
        }
        return out;
    }

    /** Up to {@code max} rows drawn without replacement (all rows when fewer). */
    static double[][] subsample(double[][] rows, int max, Randomness r) {
        if (rows.length <= max) {
            return rows;
        }
        int[] idx = new int[rows.length];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = i;
        }
        double[][] out = new double[max][];
        for (int i = 0; i < max; i++) {
            int j = i + r.nextInt(idx.length - i);
            int t = idx[i];
            idx[i] = idx[j];
            idx[j] = t;
            out[i] = rows[idx[i]];
        }
        return out;
    }

    static void shuffle(int[] a, Randomness r) {
        for (int i = a.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            int t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
    }
}
