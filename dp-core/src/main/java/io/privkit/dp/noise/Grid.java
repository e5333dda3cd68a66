package io.privkit.dp.noise;

import io.privkit.common.Checks;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;

/**
 * A power-of-two grid for granular noise: values are rounded to multiples of the granularity g,
 * integer noise is added, and the result is scaled back. Because g is a power of two, x/g and k·g
 * are exact in binary floating point; rounding and the noisy sum are done on exact integers, so the
 * set of possible outputs does not depend on the input (no porosity), and the final conversion to
 * a double is post-processing.
 */
final class Grid {
    private Grid() {
    }

    /** The smallest power of two ≥ x, for finite x &gt; 0 (clamped to the double range). */
    static double ceilPowerOfTwo(double x) {
        if (!(x > 0) || Double.isInfinite(x)) {
            throw new IllegalArgumentException("x must be finite and > 0; got " + x);
        }
        if (x < Double.MIN_NORMAL) {
            return Double.MIN_NORMAL;
        }
        double p = Math.scalb(1.0, Math.getExponent(x));
        return p >= x ? p : p * 2;
    }

    /** round-half-even(x / g) as an exact integer. */
    static BigInteger roundToGrid(double x, double g, String name) {
        if (!Double.isFinite(x)) {
            throw Checks.argument(name).mustBe("a finite number").got(x)
                    .fix("Remove or impute NaN and infinite values before releasing a statistic.").exception();
        }
        return roundToGrid(new BigDecimal(x), g);
    }

    /** round-half-even(x / g) as an exact integer, for an exact value; g is a power of two, so the division is exact. */
    static BigInteger roundToGrid(BigDecimal x, double g) {
        return x.divide(new BigDecimal(g)).setScale(0, RoundingMode.HALF_EVEN).toBigIntegerExact();
    }

    /** (k · g) as the nearest double: post-processing of the exact integer k. */
    static double fromGrid(BigInteger k, double g) {
        return new BigDecimal(k).multiply(new BigDecimal(g)).doubleValue();
    }
}
