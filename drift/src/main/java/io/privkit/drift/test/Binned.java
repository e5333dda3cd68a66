package io.privkit.drift.test;

import io.privkit.common.Checks;

/**
 * Divergences between binned distributions: reference counts p and current counts q over the same
 * bins (reference-quantile bins for numbers, the union of categories for labels).
 *
 * <p>Proportions p_i = c_i / n. <b>Smoothing</b> (stated in every report): for PSI and KL, each exact
 * zero proportion is replaced by eps = 1e-4 and the vector is divided by its sum, on both sides alike,
 * so an empty bin gives a large but finite value rather than infinity. JS, Hellinger and total
 * variation use the raw proportions (they are finite with empty bins).
 * <ul>
 *   <li>PSI = sum (q_i - p_i) ln(q_i / p_i) (population stability index; e.g. B. Yurdakul,
 *       "Statistical Properties of Population Stability Index", PhD thesis, Western Michigan University, 2018);</li>
 *   <li>KL(p || q) = sum p_i ln(p_i / q_i) (S. Kullback and R. A. Leibler, Ann. Math. Stat. 22(1), 1951), natural log;</li>
 *   <li>Jensen-Shannon distance = sqrt((KL(p || M) + KL(q || M)) / 2), M = (p + q)/2 (J. Lin, IEEE Trans.
 *       Information Theory 37(1), 1991), natural log (in [0, sqrt(ln 2)]), as Evidently and SciPy's
 *       {@code jensenshannon} compute it;</li>
 *   <li>Hellinger = sqrt(1/2 sum (sqrt p_i - sqrt q_i)^2), in [0, 1];</li>
 *   <li>total variation = 1/2 sum |p_i - q_i|.</li>
 * </ul>
 * Stateless and thread-safe.
 */
public final class Binned {
    /** The smoothing floor for empty bins. */
    public static final double EPSILON = 1e-4;

    private Binned() {
    }

    /** The smoothing rule in words, for reports. */
    public static String smoothingRule() {
        return "PSI and KL: empty-bin proportions replaced by 1e-4 on both sides, then renormalised; JS, Hellinger, TVD: raw";
    }

    /** Raw proportions. */
    public static double[] proportions(long[] counts) {
        long n = 0;
        for (long c : counts) {
            Checks.requireNonNegative(c, "count");
            n += c;
        }
        if (n == 0) {
            throw Checks.argument("counts").mustBe("non-empty").got("all zero").noFix().exception();
        }
        double[] p = new double[counts.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = (double) counts[i] / n;
        }
        return p;
    }

    /** Proportions with zeros replaced by {@link #EPSILON}, renormalised. */
    public static double[] smoothed(long[] counts) {
        double[] p = proportions(counts);
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            if (p[i] == 0) {
                p[i] = EPSILON;
            }
            s += p[i];
        }
        for (int i = 0; i < p.length; i++) {
            p[i] /= s;
        }
        return p;
    }

    /** PSI on smoothed proportions. */
    public static double psi(long[] reference, long[] current) {
        requireSameBins(reference, current);
        double[] p = smoothed(reference);
        double[] q = smoothed(current);
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += (q[i] - p[i]) * Math.log(q[i] / p[i]);
        }
        return s;
    }

    /** KL(first || second) on smoothed proportions. */
    public static double kl(long[] first, long[] second) {
        requireSameBins(first, second);
        double[] p = smoothed(first);
        double[] q = smoothed(second);
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += p[i] * Math.log(p[i] / q[i]);
        }
        return s;
    }

    /** Jensen-Shannon distance, natural log, raw proportions. */
    public static double jsDistance(long[] reference, long[] current) {
        return Math.sqrt(jsDivergence(proportionsChecked(reference, current), proportions(current)));
    }

    /** Jensen-Shannon distance in bits (base 2), in [0, 1]. */
    public static double jsDistanceBase2(long[] reference, long[] current) {
        return Math.sqrt(jsDivergence(proportionsChecked(reference, current), proportions(current)) / Math.log(2));
    }

    /** Jensen-Shannon distance on smoothed proportions, base 2. */
    public static double jsDistanceBase2Smoothed(long[] reference, long[] current) {
        requireSameBins(reference, current);
        return Math.sqrt(jsDivergence(smoothed(reference), smoothed(current)) / Math.log(2));
    }

    private static double[] proportionsChecked(long[] a, long[] b) {
        requireSameBins(a, b);
        return proportions(a);
    }

    private static double jsDivergence(double[] p, double[] q) {
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double m = (p[i] + q[i]) / 2;
            if (p[i] > 0) {
                s += p[i] * Math.log(p[i] / m);
            }
            if (q[i] > 0) {
                s += q[i] * Math.log(q[i] / m);
            }
        }
        return Math.max(0, s / 2);
    }

    /** Hellinger distance, raw proportions. */
    public static double hellinger(long[] reference, long[] current) {
        requireSameBins(reference, current);
        double[] p = proportions(reference);
        double[] q = proportions(current);
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            double d = Math.sqrt(p[i]) - Math.sqrt(q[i]);
            s += d * d;
        }
        return Math.sqrt(0.5 * s);
    }

    /** Total variation distance, raw proportions. */
    public static double totalVariation(long[] reference, long[] current) {
        requireSameBins(reference, current);
        double[] p = proportions(reference);
        double[] q = proportions(current);
        double s = 0;
        for (int i = 0; i < p.length; i++) {
            s += Math.abs(p[i] - q[i]);
        }
        return s / 2;
    }

    /** Number of zero counts. */
    public static int emptyBins(long[] counts) {
        int e = 0;
        for (long c : counts) {
            if (c == 0) {
                e++;
            }
        }
        return e;
    }

    private static void requireSameBins(long[] a, long[] b) {
        Checks.requireNonNull(a, "reference counts");
        Checks.requireNonNull(b, "current counts");
        if (a.length != b.length) {
            throw Checks.argument("count vectors").mustBe("over the same bins").got(a.length + " and " + b.length).noFix().exception();
        }
    }
}
