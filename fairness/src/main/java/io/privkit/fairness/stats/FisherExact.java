package io.privkit.fairness.stats;

import io.privkit.common.Checks;

/**
 * Fisher's exact test on a 2x2 table, two-sided by minimum likelihood: the p-value is the sum of
 * the hypergeometric probabilities of every table with the observed margins that is no more likely
 * than the observed one, {@code sum P(x) over P(x) <= P(obs) (1 + 1e-7)}. The relative tolerance
 * is R's ({@code fisher.test}); SciPy uses {@code 1 + 1e-14}. The two agree unless two tables lie
 * within 1e-7 of each other in probability without being equal; the looser one is used here
 * because the recurrence below accumulates rounding of about 1e-13, which must not split exact
 * ties. R. A. Fisher, "On the interpretation of chi-squared from contingency
 * tables, and the calculation of P", JRSS 85 (1922).
 *
 * <p>Computation: every probability is taken relative to the mode through the exact ratio
 * {@code P(x+1)/P(x) = (K-x)(n-x) / ((x+1)(N-K-n+x+1))}, summed in log space, and normalised by
 * the total, so no factorial is evaluated and the result keeps about 13 significant digits for
 * p-values down to about 1e-300 (smaller ones underflow to 0).
 *
 * <p>Stateless and thread-safe.
 */
public final class FisherExact {
    private static final double RELATIVE_TOLERANCE = 1e-7;

    private FisherExact() {
    }

    /**
     * The two-sided p-value of {@code {{a, b}, {c, d}}}.
     *
     * @throws IllegalArgumentException if a cell is negative
     */
    public static double twoSided(long[][] table) {
        Checks.requireNonNull(table, "table");
        long a = table[0][0];
        long b = table[0][1];
        long c = table[1][0];
        long d = table[1][1];
        if (a < 0 || b < 0 || c < 0 || d < 0) {
            throw Checks.argument("table").mustBe("counts >= 0").got(a + "," + b + "," + c + "," + d).noFix().exception();
        }
        long rowOne = a + b;          // draws
        long colOne = a + c;          // successes in the population
        long total = a + b + c + d;
        long lo = Math.max(0, rowOne + colOne - total);
        long hi = Math.min(rowOne, colOne);
        if (lo == hi) {
            return 1.0;
        }
        int size = Math.toIntExact(hi - lo + 1);
        double[] logP = new double[size];
        // log P(x) - log P(lo), by the ratio recurrence; the constant cancels in the normalisation.
        logP[0] = 0;
        for (int i = 1; i < size; i++) {
            long x = lo + i - 1;
            double ratio = Math.log((double) (colOne - x) * (rowOne - x)) - Math.log((double) (x + 1) * (total - colOne - rowOne + x + 1));
            logP[i] = logP[i - 1] + ratio;
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double v : logP) {
            max = Math.max(max, v);
        }
        double observed = logP[Math.toIntExact(a - lo)];
        double threshold = observed + Math.log1p(RELATIVE_TOLERANCE);
        double all = 0;
        double tail = 0;
        for (double v : logP) {
            double p = Math.exp(v - max);
            all += p;
            if (v <= threshold) {
                tail += p;
            }
        }
        return Math.min(1.0, tail / all);
    }
}
