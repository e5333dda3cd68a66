package io.privkit.drift.test;

import io.privkit.common.Checks;

/**
 * The two-sample Kolmogorov-Smirnov test of reference F_n against current G_m:
 * D = sup_t |F_n(t) - G_m(t)|, D+ = sup_t (F_n(t) - G_m(t)), D- = sup_t (G_m(t) - F_n(t)), with the
 * right-continuous ECDFs F_n(t) = #{x_i &lt;= t}/n. Ties are handled by evaluating both ECDFs after
 * every copy of a tied value has been counted (the sup over the pooled sample), so tied data give
 * the true statistic.
 *
 * <p><b>Statistic</b>: one merge walk over both sorted samples, O(n + m) after sorting, in exact
 * integer arithmetic (n m D is computed as a {@code long}). {@link #naiveStatistic} is the
 * O((n + m)^2) reference path that evaluates both ECDFs at every pooled point by counting.
 *
 * <p><b>Exact p-values</b> (continuous null, no ties): P(D &gt;= d) is the probability that a uniformly
 * random lattice path from (0,0) to (n,m) leaves the band |i/n - j/m| &lt; d (J. L. Hodges,
 * "The significance probability of the Smirnov two-sample test", Arkiv for Matematik 3, 1958,
 * after Gnedenko and Korolyuk). For n = m the reflection principle gives the closed form
 * P = 2 sum_{k&gt;=1} (-1)^{k-1} C(2n, n - kh)/C(2n, n), h = n d, evaluated by a Horner scheme; the
 * one-sided tail is C(2n, n - h)/C(2n, n). Otherwise a dynamic programme over the lattice
 * accumulates the probability of the first exit from the band, which keeps full relative accuracy
 * for tiny p-values (O(n m) time, O(m) memory). d is first rounded to the lattice, h = round(d lcm(n, m)).
 * With ties the exact null distribution of D is stochastically smaller, so these p-values are
 * conservative (never too small).
 *
 * <p><b>Asymptotic p-values</b>: two-sided, P(D_N &gt;= d) under the one-sample Kolmogorov
 * distribution with N = round(n m / (n + m)) ({@link KolmogorovDistribution}); one-sided, Hodges'
 * approximation (his eq. 5.3) exp(-2 z^2 - 2 z (M + 2 N') / (3 sqrt(M N' (M + N')))) with z = d sqrt(n m/(n + m)),
 * M the larger and N' the smaller sample size. {@link KsMethod#AUTO} chooses exact when
 * max(n, m) &lt;= 10000, as SciPy 1.17 does, so the values agree with {@code scipy.stats.ks_2samp}.
 *
 * <p>Stateless and thread-safe.
 */
public final class KolmogorovSmirnov {
    /** Largest sample size for which {@link KsMethod#AUTO} computes the exact p-value. */
    public static final int AUTO_EXACT_MAX_N = 10_000;

    private KolmogorovSmirnov() {
    }

    /** How to compute the p-value. */
    public enum KsMethod {
        /** Exact when max(n, m) &lt;= 10000, otherwise asymptotic. */
        AUTO,
        /** The exact lattice-path probability. */
        EXACT,
        /** The asymptotic approximation. */
        ASYMPTOTIC
    }

    /**
     * The statistics of one pair of samples.
     *
     * @param dPlus      sup (F - G), F the reference ECDF
     * @param dMinus     sup (G - F)
     * @param locationPlus  where D+ is attained (the smallest such pooled value)
     * @param locationMinus where D- is attained
     * @param n          reference size
     * @param m          current size
     * @param scaledPlus  n m D+ as an integer
     * @param scaledMinus n m D- as an integer
     */
    public record Statistic(double dPlus, double dMinus, double locationPlus, double locationMinus, int n, int m,
                            long scaledPlus, long scaledMinus) {
        /** The two-sided D = max(D+, D-). */
        public double d() {
            return Math.max(dPlus, dMinus);
        }

        /** +1 when D is attained by D+ (reference ECDF above), -1 when by D- (SciPy's statistic_sign). */
        public int sign() {
            return dMinus > dPlus ? -1 : 1;
        }

        /** Where D is attained. */
        public double location() {
            return dMinus > dPlus ? locationMinus : locationPlus;
        }

        /** The statistic for an alternative. */
        public double forAlternative(Alternative alternative) {
            return switch (alternative) {
                case TWO_SIDED -> d();
                case GREATER -> dPlus;
                case LESS -> dMinus;
            };
        }
    }

    /** The statistics by one merge walk (O(n + m)). */
    public static Statistic statistic(SortedSample reference, SortedSample current) {
        double[] a = reference.raw();
        double[] b = current.raw();
        int n = a.length;
        int m = b.length;
        int i = 0;
        int j = 0;
        long bestPlus = 0;
        long bestMinus = 0;
        double locPlus = Math.min(a[0], b[0]);
        double locMinus = locPlus;
        while (i < n && j < m) {
            double x = a[i] <= b[j] ? a[i] : b[j];
            while (i < n && a[i] == x) {
                i++;
            }
            while (j < m && b[j] == x) {
                j++;
            }
            long diff = (long) i * m - (long) j * n;
            if (diff > bestPlus) {
                bestPlus = diff;
                locPlus = x;
            } else if (-diff > bestMinus) {
                bestMinus = -diff;
                locMinus = x;
            }
        }
        double nm = (double) n * m;
        return new Statistic(bestPlus / nm, bestMinus / nm, locPlus, locMinus, n, m, bestPlus, bestMinus);
    }

    /**
     * Reference path: evaluates both ECDFs at every pooled value by counting, O((n + m)^2). Only for
     * tests and small samples.
     *
     * @return {D+, D-}
     */
    public static double[] naiveStatistic(double[] reference, double[] current) {
        double dp = 0;
        double dm = 0;
        double[][] both = {reference, current};
        for (double[] src : both) {
            for (double t : src) {
                int cf = 0;
                for (double v : reference) {
                    if (v <= t) {
                        cf++;
                    }
                }
                int cg = 0;
                for (double v : current) {
                    if (v <= t) {
                        cg++;
                    }
                }
                double diff = (double) cf / reference.length - (double) cg / current.length;
                dp = Math.max(dp, diff);
                dm = Math.max(dm, -diff);
            }
        }
        return new double[] {dp, dm};
    }

    /** Two-sided test with the automatic method. */
    public static Outcome test(SortedSample reference, SortedSample current) {
        return test(reference, current, Alternative.TWO_SIDED, KsMethod.AUTO);
    }

    /** The test for an alternative and method. */
    public static Outcome test(SortedSample reference, SortedSample current, Alternative alternative, KsMethod method) {
        Checks.requireNonNull(alternative, "alternative");
        Checks.requireNonNull(method, "method");
        Statistic s = statistic(reference, current);
        return test(s, alternative, method);
    }

    /** The test from precomputed statistics. */
    public static Outcome test(Statistic s, Alternative alternative, KsMethod method) {
        int n = s.n();
        int m = s.m();
        boolean exact = switch (method) {
            case EXACT -> true;
            case ASYMPTOTIC -> false;
            case AUTO -> Math.max(n, m) <= AUTO_EXACT_MAX_N;
        };
        double d = s.forAlternative(alternative);
        String name = switch (alternative) {
            case TWO_SIDED -> "D";
            case GREATER -> "D+";
            case LESS -> "D-";
        };
        if (exact) {
            long scaled = switch (alternative) {
                case TWO_SIDED -> Math.max(s.scaledPlus(), s.scaledMinus());
                case GREATER -> s.scaledPlus();
                case LESS -> s.scaledMinus();
            };
            double p = exactPValue(n, m, scaled, alternative);
            return Outcome.test(TestId.KS, name, d, p, Method.EXACT);
        }
        return Outcome.test(TestId.KS, name, d, asymptoticPValue(n, m, d, alternative), Method.ASYMPTOTIC);
    }

    /** The asymptotic p-value of statistic d for sizes n and m. */
    public static double asymptoticPValue(long n, long m, double d, Alternative alternative) {
        double big = Math.max(n, m);
        double small = Math.min(n, m);
        double en = big * small / (big + small);
        if (alternative == Alternative.TWO_SIDED) {
            long rounded = Math.round(en);
            if (rounded > Integer.MAX_VALUE) {
                // Far beyond any table: the limiting Kolmogorov law is exact enough.
                return kolmogorovLimitSf(d * Math.sqrt(en));
            }
            return KolmogorovDistribution.sf((int) Math.max(1, rounded), d);
        }
        double z = Math.sqrt(en) * d;
        double expt = -2 * z * z - 2 * z * (big + 2 * small) / Math.sqrt(big * small * (big + small)) / 3.0;
        return Math.min(1.0, Math.exp(expt));
    }

    /** Kolmogorov's limiting survival function Q(z) = 2 sum_{k&gt;=1} (-1)^{k-1} exp(-2 k^2 z^2). */
    static double kolmogorovLimitSf(double z) {
        if (z < 0.27) {
            return 1.0;
        }
        double sum = 0;
        for (int k = 1; k < 100; k++) {
            double term = Math.exp(-2.0 * k * k * z * z);
            sum += (k % 2 == 1 ? term : -term);
            if (term < 1e-18) {
                break;
            }
        }
        return Math.max(0, Math.min(1, 2 * sum));
    }

    /**
     * The exact p-value for sizes n, m and the statistic scaled by n m (an integer).
     */
    static double exactPValue(int n, int m, long scaledNm, Alternative alternative) {
        int g = gcd(n, m);
        long lcm = (long) (n / g) * m;
        // d = scaledNm / (n m); h = round(d lcm) = scaledNm / g exactly (n m = g lcm).
        long hLong = Math.round((double) scaledNm / g);
        if (hLong == 0) {
            return 1.0;
        }
        if (hLong > lcm) {
            return 0.0;
        }
        if (n == m) {
            int h = (int) hLong;
            if (alternative == Alternative.TWO_SIDED) {
                return Math.min(1.0, probOutsideSquare(n, h));
            }
            double p = 1.0;
            for (int j = 0; j < h; j++) {
                p *= (double) (n - j) / (n + j + 1.0);
            }
            return p;
        }
        return pathExitProbability(n, m, hLong, alternative);
    }

    /** P(D_{n,n} &gt;= h/n) = 2 sum_k (-1)^{k-1} C(2n, n-kh)/C(2n, n) in Horner form. */
    private static double probOutsideSquare(int n, int h) {
        double p = 0.0;
        int k = n / h;
        while (k >= 0) {
            double p1 = 1.0;
            for (int j = 0; j < h; j++) {
                p1 = (n - (long) k * h - j) * p1 / (n + (long) k * h + j + 1.0);
            }
            p = p1 * (1.0 - p);
            k--;
        }
        return 2 * p;
    }

    /**
     * Probability that a uniform random lattice path from (0,0) to (n,m) reaches a point where
     * i (m/g) - j (n/g) &gt;= h (GREATER), &lt;= -h (LESS) or either (TWO_SIDED), by accumulating first-exit mass.
     */
    private static double pathExitProbability(int n, int m, long h, Alternative alternative) {
        int g = gcd(n, m);
        long mg = m / g;
        long ng = n / g;
        double[] cur = new double[m + 1];
        double exit = 0.0;
        cur[0] = 1.0;
        for (int i = 0; i <= n; i++) {
            // cur[j] holds the mass arriving at (i, j) from (i-1, j); add the mass from (i, j-1).
            long base = i * mg;
            for (int j = 0; j <= m; j++) {
                if (j > 0) {
                    double prev = cur[j - 1];
                    if (prev != 0.0) {
                        int remJ = m - (j - 1);
                        cur[j] += prev * remJ / (double) (n - i + remJ);
                    }
                }
                double v = cur[j];
                if (v != 0.0) {
                    long diff = base - j * ng;
                    boolean out = switch (alternative) {
                        case TWO_SIDED -> diff >= h || -diff >= h;
                        case GREATER -> diff >= h;
                        case LESS -> -diff >= h;
                    };
                    if (out) {
                        exit += v;
                        cur[j] = 0.0;
                    }
                }
            }
            if (i == n) {
                break;
            }
            int remI = n - i;
            for (int j = 0; j <= m; j++) {
                double v = cur[j];
                if (v != 0.0) {
                    cur[j] = v * remI / (double) (remI + m - j);
                }
            }
        }
        return Math.min(1.0, exit);
    }

    static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
