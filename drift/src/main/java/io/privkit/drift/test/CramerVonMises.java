package io.privkit.drift.test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.numbers.gamma.LogGamma;

/**
 * The two-sample Cramer-von Mises test (T. W. Anderson, "On the Distribution of the Two-Sample
 * Cramer-von Mises Criterion", Annals of Mathematical Statistics 33(3), 1148-1159, 1962).
 *
 * <p>With midranks r_i of the sorted reference (size n) and s_j of the sorted current sample (size m)
 * in the pooled sample (N = n + m): U = n sum_i (r_i - i)^2 + m sum_j (s_j - j)^2 and
 * T = U / (n m N) - (4 n m - 1) / (6 N) (Anderson's eq. 9 and 10).
 *
 * <p><b>Exact p-value</b> (continuous null): the statistic equals n m / (N^2 L^2) times
 * S = sum over the lattice path of (a u - b v)^2, L = lcm(n, m), a = L/n, b = L/m; a dynamic
 * programme counts the C(N, n) paths by S (Y. Xiao, A. Gordon and A. Yakovlev, "A C++ Program for
 * the Cramer-von Mises Two-Sample Test", Journal of Statistical Software 17(8), 2006), p = #{S &gt;= S_obs}/C(N, n).
 * Feasible for max(n, m) &lt;= 20, which {@link #test} uses automatically, as SciPy does.
 *
 * <p><b>Asymptotic p-value</b>: T is standardised with its exact mean and variance (Anderson's eq.
 * 11 and 14), T_n = 1/6 + (T - E T)/sqrt(45 Var T), and referred to the limiting one-sample law
 * a1(x) = sum_k Gamma(k + 1/2)/(Gamma(1/2) Gamma(k+1)) sqrt(4k+1)/(pi sqrt x) exp(-(4k+1)^2/(16x))
 * K_{1/4}((4k+1)^2/(16x)) (S. Csorgo and J. J. Faraway, "The Exact and Asymptotic Distributions of
 * Cramer-von Mises Statistics", JRSS B 58(1), 1996, eq. 1.2). The series is summed until a term
 * is below 1e-7 (SciPy's rule, kept so that values agree); the Bessel function K_{1/4} is the integral
 * int_0^inf exp(-q cosh t) cosh(t/4) dt by the trapezoidal rule, which converges geometrically here.
 *
 * <p>Stateless and thread-safe.
 */
public final class CramerVonMises {
    /** Largest sample size for the automatic exact p-value. */
    public static final int AUTO_EXACT_MAX_N = 20;

    private CramerVonMises() {
    }

    /** The test with the automatic method (exact when max(n, m) &lt;= 20). */
    public static Outcome test(SortedSample reference, SortedSample current) {
        boolean exact = Math.max(reference.size(), current.size()) <= AUTO_EXACT_MAX_N;
        return test(reference, current, exact ? Method.EXACT : Method.ASYMPTOTIC);
    }

    /**
     * The test with a chosen method ({@link Method#EXACT} or {@link Method#ASYMPTOTIC}).
     *
     * @throws IllegalArgumentException for an exact request beyond 60 values per sample
     */
    public static Outcome test(SortedSample reference, SortedSample current, Method method) {
        int n = reference.size();
        int m = current.size();
        if (n < 2 || m < 2) {
            throw io.privkit.common.Checks.argument("sample sizes").mustBe("at least 2 each").got(n + " and " + m)
                    .noFix().exception();
        }
        Ranks r = Ranks.of(reference, current);
        double u = 0;
        for (int i = 0; i < n; i++) {
            double d = r.rankA[i] - (i + 1);
            u += d * d;
        }
        u *= n;
        double v = 0;
        for (int j = 0; j < m; j++) {
            double d = r.rankB[j] - (j + 1);
            v += d * d;
        }
        u += m * v;
        double k = (double) n * m;
        double big = n + m;
        double t = u / (k * big) - (4 * k - 1) / (6 * big);
        if (method == Method.EXACT) {
            if (Math.max(n, m) > 60) {
                throw io.privkit.common.Checks.argument("exact Cramer-von Mises").mustBe("used with at most 60 values per sample")
                        .got(n + " and " + m).fix("Use the asymptotic method.").exception();
            }
            return Outcome.test(TestId.CVM, "T", t, exactPValue(u, n, m), Method.EXACT);
        }
        if (method != Method.ASYMPTOTIC) {
            throw io.privkit.common.Checks.argument("method").mustBe("EXACT or ASYMPTOTIC").got(method).noFix().exception();
        }
        double et = (1 + 1 / big) / 6;
        double vt = (big + 1) * (4 * k * big - 3 * ((double) n * n + (double) m * m) - 2 * k) / (45 * big * big * 4 * k);
        double tn = 1.0 / 6 + (t - et) / Math.sqrt(45 * vt);
        double p = tn >= 0.003 ? Math.max(0.0, 1.0 - limitCdf(tn)) : 1.0;
        return Outcome.test(TestId.CVM, "T", t, p, Method.ASYMPTOTIC);
    }

    /** The limiting cdf a1(x) of the one-sample statistic (Csorgo and Faraway 1996, eq. 1.2). */
    static double limitCdf(double x) {
        double tot = 0;
        for (int k = 0; k < 1000; k++) {
            double u = Math.exp(LogGamma.value(k + 0.5) - LogGamma.value(k + 1.0)) / (Math.pow(Math.PI, 1.5) * Math.sqrt(x));
            double y = 4 * k + 1;
            double q = y * y / (16 * x);
            double z = u * Math.sqrt(y) * expTimesBesselK14(q);
            tot += z;
            if (Math.abs(z) < 1e-7) {
                break;
            }
        }
        return tot;
    }

    /** exp(-q) K_{1/4}(q) = int_0^inf exp(-q (1 + cosh t)) cosh(t/4) dt, trapezoidal rule with step 1/64. */
    static double expTimesBesselK14(double q) {
        double h = 1.0 / 64;
        double sum = 0.5 * Math.exp(-2 * q);
        for (int i = 1; i < 200_000; i++) {
            double t = i * h;
            double e = q * (1 + Math.cosh(t));
            double f = Math.exp(-e) * Math.cosh(t / 4);
            sum += f;
            if (e > 800 || (f < 1e-22 * sum && t > 1)) {
                break;
            }
        }
        return sum * h;
    }

    /** Exact p-value by counting lattice paths by S (Xiao, Gordon and Yakovlev 2006). */
    static double exactPValue(double u, int n, int m) {
        int g = KolmogorovSmirnov.gcd(n, m);
        long lcm = (long) n / g * m;
        long a = lcm / n;
        long b = lcm / m;
        double mn = (double) n * m;
        double zetaD = (double) lcm * lcm * (n + m) * (6 * u - mn * (4 * mn - 1)) / (6 * mn * mn);
        long zeta = (long) Math.floor(zetaD + 1e-6);
        // rows: number of reference values used (0..n); columns: current values used (0..m)
        List<Map<Long, Long>> row = new ArrayList<>();
        for (int j = 0; j <= m; j++) {
            row.add(new HashMap<>());
        }
        row.get(0).put(0L, 1L);
        for (int i = 0; i <= n; i++) {
            List<Map<Long, Long>> next = new ArrayList<>();
            for (int j = 0; j <= m; j++) {
                next.add(new HashMap<>());
            }
            for (int j = 0; j <= m; j++) {
                Map<Long, Long> cell = row.get(j);
                if (j > 0) {
                    // arrivals from (i, j-1): the values already in row[j-1] are final
                    long d = a * i - b * j;
                    long inc = d * d;
                    for (Map.Entry<Long, Long> e : row.get(j - 1).entrySet()) {
                        cell.merge(e.getKey() + inc, e.getValue(), Long::sum);
                    }
                }
                if (i < n) {
                    long d = a * (i + 1) - b * j;
                    long inc = d * d;
                    for (Map.Entry<Long, Long> e : cell.entrySet()) {
                        next.get(j).merge(e.getKey() + inc, e.getValue(), Long::sum);
                    }
                }
            }
            if (i < n) {
                row = next;
            }
        }
        long hits = 0;
        long total = 0;
        for (Map.Entry<Long, Long> e : row.get(m).entrySet()) {
            total += e.getValue();
            if (e.getKey() >= zeta) {
                hits += e.getValue();
            }
        }
        return (double) hits / total;
    }
}
