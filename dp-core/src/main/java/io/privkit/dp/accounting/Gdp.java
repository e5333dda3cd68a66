package io.privkit.dp.accounting;

/**
 * The privacy profile of μ-Gaussian DP (Dong, Roth and Su, JRSS-B 2022, Corollary 2.13), which is
 * also the exact profile of the Gaussian mechanism with noise multiplier 1/μ (Balle and Wang,
 * "Improving the Gaussian Mechanism for Differential Privacy", ICML 2018, Theorem 8):
 * δ(ε) = Φ(−ε/μ + μ/2) − e<sup>ε</sup>Φ(−ε/μ − μ/2).
 */
final class Gdp {
    private Gdp() {
    }

    /** δ(ε) of μ-GDP, evaluated without overflow (the second term in log space). */
    static double delta(double mu, double epsilon) {
        if (mu == 0) {
            return 0;
        }
        double a = Normal.cdf(-epsilon / mu + mu / 2);
        double b = Math.exp(epsilon + Normal.logCdf(-epsilon / mu - mu / 2));
        return Math.max(0, a - b);
    }

    /** The smallest ε with δ(ε) ≤ delta, by bisection; the upper end is returned (never too small). */
    static double epsilon(double mu, double delta) {
        if (delta(mu, 0) <= delta) {
            return 0;
        }
        double hi = Math.max(1, mu * mu);
        while (delta(mu, hi) > delta) {
            hi *= 2;
            if (hi > 1e9) {
                return Double.POSITIVE_INFINITY;
            }
        }
        double lo = 0;
        for (int i = 0; i < 200 && hi - lo > 1e-14 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (delta(mu, mid) > delta) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return hi;
    }
}
