package io.privkit.dp.accounting;

import org.apache.commons.numbers.gamma.Erfc;
import org.apache.commons.numbers.gamma.Erfcx;
import org.apache.commons.numbers.gamma.InverseErfc;

/** The standard normal distribution with full relative precision in both tails. */
final class Normal {
    private static final double SQRT2 = Math.sqrt(2);
    private static final double LOG_HALF = Math.log(0.5);

    private Normal() {
    }

    /** Φ(x) = P(N(0,1) ≤ x). */
    static double cdf(double x) {
        return 0.5 * Erfc.value(-x / SQRT2);
    }

    /** 1 − Φ(x) = Φ(−x). */
    static double sf(double x) {
        return 0.5 * Erfc.value(x / SQRT2);
    }

    /** log Φ(x), accurate for very negative x. */
    static double logCdf(double x) {
        return logHalfErfc(-x / SQRT2);
    }

    /** log(erfc(z)/2), accurate for large z. */
    static double logHalfErfc(double z) {
        if (z < 1) {
            return Math.log(0.5 * Erfc.value(z));
        }
        return LOG_HALF + Math.log(Erfcx.value(z)) - z * z;
    }

    /** log erfc(z). */
    static double logErfc(double z) {
        return logHalfErfc(z) - LOG_HALF;
    }

    /** The x with Φ(x) = p. */
    static double quantile(double p) {
        return -SQRT2 * InverseErfc.value(2 * p);
    }
}
