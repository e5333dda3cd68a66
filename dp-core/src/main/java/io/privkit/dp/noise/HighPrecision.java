package io.privkit.dp.noise;

import java.math.BigDecimal;
import java.math.MathContext;

/** BigDecimal exp for precomputing sampler tables. */
final class HighPrecision {
    private HighPrecision() {
    }

    /** e^x for |x| ≤ 1, to the precision of {@code mc} (Taylor series). */
    static BigDecimal exp(BigDecimal x, MathContext mc) {
        if (x.abs().compareTo(BigDecimal.ONE) > 0) {
            throw new IllegalArgumentException("|x| must be <= 1; got " + x);
        }
        MathContext work = new MathContext(mc.getPrecision() + 10);
        BigDecimal sum = BigDecimal.ONE;
        BigDecimal term = BigDecimal.ONE;
        BigDecimal eps = BigDecimal.ONE.movePointLeft(mc.getPrecision() + 8);
        for (int k = 1; k < 10_000; k++) {
            term = term.multiply(x, work).divide(BigDecimal.valueOf(k), work);
            sum = sum.add(term, work);
            if (term.abs().compareTo(eps) < 0) {
                return sum.round(mc);
            }
        }
        throw new IllegalStateException("exp series did not converge for " + x);
    }
}
