package io.privkit.drift.test;

import io.privkit.common.Checks;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * Fisher's exact test on a 2 x 2 table [[a, b], [c, d]] (R. A. Fisher, Statistical Methods for
 * Research Workers, 1925; the conditional test given both margins). Under the null, a follows the
 * hypergeometric law P(a = x) = C(a+b, x) C(c+d, a+c-x) / C(N, a+c). Two-sided p: the sum of
 * P(x) over tables no more probable than the observed one (P(x) &lt;= P(a)(1 + 1e-7), the relative
 * tolerance SciPy uses to absorb rounding); {@code LESS}: P(X &lt;= a); {@code GREATER}: P(X &gt;= a).
 *
 * <p>The statistic is the sample odds ratio ad/(bc); when it is 0 or infinite (a zero cell) the
 * Haldane-Anscombe estimate (a+1/2)(d+1/2)/((b+1/2)(c+1/2)) is reported instead, with a note.
 * Stateless and thread-safe.
 */
public final class FisherExact {
    private FisherExact() {
    }

    /**
     * The test. In drift use, row 0 is the reference (count of the first value, count of the second)
     * and row 1 the current sample.
     */
    public static Outcome test(long[][] table, Alternative alternative) {
        Checks.requireNonNull(table, "table");
        Checks.requireNonNull(alternative, "alternative");
        if (table.length != 2 || table[0].length != 2 || table[1].length != 2) {
            throw Checks.argument("table").mustBe("2 x 2").got(table.length + " rows").noFix().exception();
        }
        long a = table[0][0];
        long b = table[0][1];
        long c = table[1][0];
        long d = table[1][1];
        for (long v : new long[] {a, b, c, d}) {
            Checks.requireNonNegative(v, "table cell");
        }
        long row1 = a + b;
        long col1 = a + c;
        long total = a + b + c + d;
        long lo = Math.max(0, col1 - (total - row1));
        long hi = Math.min(row1, col1);
        double pObs = logPmf(a, row1, col1, total);
        double p;
        if (row1 == 0 || col1 == 0 || row1 == total || col1 == total) {
            p = 1.0;
        } else {
            p = 0;
            for (long x = lo; x <= hi; x++) {
                double lp = logPmf(x, row1, col1, total);
                boolean include = switch (alternative) {
                    case TWO_SIDED -> lp <= pObs + Math.log1p(1e-7);
                    case LESS -> x <= a;
                    case GREATER -> x >= a;
                };
                if (include) {
                    p += Math.exp(lp);
                }
            }
        }
        double or = (double) a * d / ((double) b * c);
        Outcome o;
        if (Double.isFinite(or) && or > 0) {
            o = Outcome.test(TestId.FISHER, "odds-ratio", or, Math.min(1, p), Method.EXACT);
        } else {
            double h = (a + 0.5) * (d + 0.5) / ((b + 0.5) * (c + 0.5));
            o = Outcome.test(TestId.FISHER, "odds-ratio-haldane", h, Math.min(1, p), Method.EXACT)
                    .withNote("a zero cell: Haldane-Anscombe odds ratio (each cell + 1/2)");
        }
        return o;
    }

    private static double logPmf(long x, long row1, long col1, long total) {
        return logChoose(row1, x) + logChoose(total - row1, col1 - x) - logChoose(total, col1);
    }

    static double logChoose(long n, long k) {
        if (k < 0 || k > n) {
            return Double.NEGATIVE_INFINITY;
        }
        return LogGamma.value(n + 1.0) - LogGamma.value(k + 1.0) - LogGamma.value(n - k + 1.0);
    }
}
