package io.privkit.drift.test;

import io.privkit.common.Checks;
import org.apache.commons.statistics.distribution.ChiSquaredDistribution;

/**
 * Tests of homogeneity on the 2 x K table whose rows are the reference and current counts over the
 * same K categories (or bins). Categories present in only one sample take part with a zero count in
 * the other, so a category unseen in the reference is a contribution, never an error.
 *
 * <p>Expected counts E_rk = R_r C_k / N. <b>Pearson chi-square</b>: X^2 = sum (O - E)^2 / E (K. Pearson,
 * Philosophical Magazine 50, 1900), with Yates' continuity correction when there is one degree of
 * freedom (each |O - E| reduced by min(1/2, |O - E|); F. Yates, JRSS Suppl. 1(2), 1934), as in
 * SciPy's {@code chi2_contingency}. <b>G-test</b>: G = 2 sum O ln(O / E), terms with O = 0 being 0
 * (the likelihood-ratio statistic; R. R. Sokal and F. J. Rohlf, Biometry, 1981), without correction.
 * Both are referred to chi-square with K' - 1 degrees of freedom, K' the number of categories with
 * a non-zero column total. Stateless and thread-safe.
 */
public final class Contingency {
    private Contingency() {
    }

    /** Pearson chi-square with Yates' correction when df = 1. */
    public static Outcome chiSquare(long[] reference, long[] current) {
        return chiSquare(reference, current, true);
    }

    /**
     * Pearson chi-square.
     *
     * @param yates whether to apply Yates' correction when df = 1
     */
    public static Outcome chiSquare(long[] reference, long[] current, boolean yates) {
        double[][] e = expected(reference, current);
        int df = e.length == 0 ? 0 : columnsUsed(reference, current) - 1;
        if (df < 1) {
            return Outcome.test(TestId.CHI2, "X2", 0.0, 1.0, Method.ASYMPTOTIC).withNote("one category only: nothing to compare");
        }
        double stat = 0;
        long[][] obs = {reference, current};
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < reference.length; k++) {
                double ex = e[r][k];
                if (ex == 0) {
                    continue;
                }
                double d = obs[r][k] - ex;
                if (yates && df == 1) {
                    double ad = Math.abs(d);
                    d = ad - Math.min(0.5, ad);
                }
                stat += d * d / ex;
            }
        }
        double p = ChiSquaredDistribution.of(df).survivalProbability(stat);
        Outcome o = Outcome.test(TestId.CHI2, "X2", stat, p, Method.ASYMPTOTIC);
        return yates && df == 1 ? o.withNote("Yates continuity correction") : o;
    }

    /** The G-test (log-likelihood ratio), no correction. */
    public static Outcome gTest(long[] reference, long[] current) {
        double[][] e = expected(reference, current);
        int df = columnsUsed(reference, current) - 1;
        if (df < 1) {
            return Outcome.test(TestId.G, "G", 0.0, 1.0, Method.ASYMPTOTIC).withNote("one category only: nothing to compare");
        }
        double stat = 0;
        long[][] obs = {reference, current};
        for (int r = 0; r < 2; r++) {
            for (int k = 0; k < reference.length; k++) {
                long o = obs[r][k];
                if (o > 0) {
                    stat += o * Math.log(o / e[r][k]);
                }
            }
        }
        stat *= 2;
        stat = Math.max(0.0, stat);
        return Outcome.test(TestId.G, "G", stat, ChiSquaredDistribution.of(df).survivalProbability(stat), Method.ASYMPTOTIC);
    }

    /** Expected counts under homogeneity. */
    public static double[][] expected(long[] reference, long[] current) {
        Checks.requireNonNull(reference, "reference counts");
        Checks.requireNonNull(current, "current counts");
        if (reference.length != current.length) {
            throw Checks.argument("count vectors").mustBe("of equal length (the union of categories)")
                    .got(reference.length + " and " + current.length).noFix().exception();
        }
        long r0 = 0;
        long r1 = 0;
        for (int k = 0; k < reference.length; k++) {
            Checks.requireNonNegative(reference[k], "reference count");
            Checks.requireNonNegative(current[k], "current count");
            r0 += reference[k];
            r1 += current[k];
        }
        if (r0 == 0 || r1 == 0) {
            throw Checks.argument("counts").mustBe("non-empty in both samples").got(r0 + " and " + r1).noFix().exception();
        }
        double total = r0 + r1;
        double[][] e = new double[2][reference.length];
        for (int k = 0; k < reference.length; k++) {
            double c = reference[k] + current[k];
            e[0][k] = r0 * c / total;
            e[1][k] = r1 * c / total;
        }
        return e;
    }

    private static int columnsUsed(long[] a, long[] b) {
        int used = 0;
        for (int k = 0; k < a.length; k++) {
            if (a[k] + b[k] > 0) {
                used++;
            }
        }
        return used;
    }
}
