package io.privkit.dp.accounting;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Rounding towards more privacy loss. Every epsilon or delta an accountant reports passes through
 * {@link #up(double)}; exact quotients of parameters are rounded up with {@link #divideUp}.
 */
final class SafeMath {
    /** Relative margin added to computed privacy losses: covers accumulated floating-point error. */
    static final double RELATIVE_MARGIN = 1e-10;

    private SafeMath() {
    }

    /** The smallest double ≥ a/b, exactly (a, b finite, b &gt; 0). */
    static double divideUp(double a, double b) {
        BigDecimal q = new BigDecimal(a).divide(new BigDecimal(b), new MathContext(40, RoundingMode.CEILING));
        double d = q.doubleValue();
        if (new BigDecimal(d).compareTo(q) < 0) {
            d = Math.nextUp(d);
        }
        return d;
    }

    /** The smallest double ≥ the exact a + b (a, b finite). */
    static double addUp(double a, double b) {
        return ceiling(new BigDecimal(a).add(new BigDecimal(b)));
    }

    /** The smallest double ≥ the exact a · n (a finite). */
    static double timesUp(double a, long n) {
        return ceiling(new BigDecimal(a).multiply(BigDecimal.valueOf(n)));
    }

    private static double ceiling(BigDecimal exact) {
        double d = exact.doubleValue();
        if (new BigDecimal(d).compareTo(exact) < 0) {
            d = Math.nextUp(d);
        }
        return d;
    }

    /**
     * A computed epsilon or delta moved up by a relative margin of 1e-10 and two ulps, so that the
     * floating-point error of the computation (far smaller in every accountant here) cannot leave
     * the reported figure below the exact value. Infinity and NaN pass through; negatives become 0.
     */
    static double up(double x) {
        if (Double.isNaN(x) || Double.isInfinite(x)) {
            return x;
        }
        if (x <= 0) {
            return 0;
        }
        return Math.nextUp(Math.nextUp(x + x * RELATIVE_MARGIN));
    }
}
