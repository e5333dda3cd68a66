package io.privkit.drift.test;

import io.privkit.common.Checks;
import org.apache.commons.statistics.distribution.NormalDistribution;

/**
 * The Mann-Whitney U test (H. B. Mann and D. R. Whitney, "On a Test of Whether one of Two Random
 * Variables is Stochastically Larger than the Other", Annals of Mathematical Statistics 18(1),
 * 50-60, 1947), two-sided.
 *
 * <p>U of the reference sample: U1 = R1 - n(n+1)/2, R1 the sum of its midranks in the pooled
 * sample; U2 = n m - U1. <b>Asymptotic</b>: with U = max(U1, U2), mu = n m / 2,
 * sigma^2 = n m / 12 ((N + 1) - sum(t^3 - t) / (N (N - 1))) (tie correction over groups of t tied
 * values) and continuity correction, z = (U - mu - 1/2) / sigma and p = 2 (1 - Phi(z)).
 * <b>Exact</b> (no ties): the null counts of U are the coefficients of the Gaussian binomial
 * [N choose n]_q, and p = min(1, 2 P(U &gt;= max(U1, U2))). {@link #test} uses the exact method when
 * a sample has at most 8 values and there are no ties, as SciPy does.
 *
 * <p>Stateless and thread-safe.
 */
public final class MannWhitney {
    private static final NormalDistribution STD_NORMAL = NormalDistribution.of(0, 1);

    private MannWhitney() {
    }

    /** The test with the automatic method. */
    public static Outcome test(SortedSample reference, SortedSample current) {
        Ranks r = Ranks.of(reference, current);
        boolean exact = Math.min(reference.size(), current.size()) <= 8 && !r.ties;
        return test(reference, current, r, exact ? Method.EXACT : Method.ASYMPTOTIC);
    }

    /** The test with a chosen method; exact is refused with ties or above 10^6 for n m. */
    public static Outcome test(SortedSample reference, SortedSample current, Method method) {
        return test(reference, current, Ranks.of(reference, current), method);
    }

    private static Outcome test(SortedSample reference, SortedSample current, Ranks r, Method method) {
        int n = reference.size();
        int m = current.size();
        double r1 = 0;
        for (double v : r.rankA) {
            r1 += v;
        }
        double u1 = r1 - n * (n + 1.0) / 2;
        double nm = (double) n * m;
        double u = Math.max(u1, nm - u1);
        if (method == Method.EXACT) {
            if (r.ties || nm > 1e6) {
                throw Checks.argument("exact Mann-Whitney").mustBe("used without ties and with n m <= 10^6")
                        .got(r.ties ? "tied values" : n + " x " + m).fix("Use the asymptotic method.").exception();
            }
            double[] counts = uCounts(n, m);
            double total = 0;
            double tail = 0;
            int start = (int) Math.ceil(u - 1e-9);
            for (int k = 0; k < counts.length; k++) {
                total += counts[k];
                if (k >= start) {
                    tail += counts[k];
                }
            }
            return Outcome.test(TestId.MW, "U-reference", u1, Math.min(1.0, 2 * tail / total), Method.EXACT);
        }
        double big = n + m;
        double mu = nm / 2;
        double var = nm / 12 * ((big + 1) - r.tieTerm / (big * (big - 1)));
        if (var <= 0) {
            return Outcome.test(TestId.MW, "U-reference", u1, 1.0, Method.ASYMPTOTIC)
                    .withNote("all values tied: no evidence of a difference");
        }
        double z = (u - mu - 0.5) / Math.sqrt(var);
        double p = 2 * STD_NORMAL.survivalProbability(z);
        return Outcome.test(TestId.MW, "U-reference", u1, Math.min(1.0, p), Method.ASYMPTOTIC);
    }

    /** Null frequencies of U for sizes n, m: coefficients of prod_{i=1}^{n} (1 - q^{m+i}) / (1 - q^i). */
    static double[] uCounts(int n, int m) {
        int deg = n * m;
        double[] c = new double[deg + 1];
        c[0] = 1;
        int cur = 0;
        for (int i = 1; i <= n; i++) {
            int k = m + i;
            // multiply by (1 - q^k)
            for (int d = Math.min(deg, cur + k); d >= k; d--) {
                c[d] -= c[d - k];
            }
            cur = Math.min(deg, cur + k);
            // divide by (1 - q^i): running sum with stride i
            for (int d = i; d <= deg; d++) {
                c[d] += c[d - i];
            }
        }
        return c;
    }
}
